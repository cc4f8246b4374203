/**
 * Minimal, hand-written payload types for Clerk's webhook events: the fields Clerk documents for
 * each object; every object also allows other fields as `unknown`. `data` is the object the event
 * is about (a deleted object for `*.deleted`).
 */

export interface ClerkWebhookEvent<TType extends string = string, TData = ClerkObject> {
  type: TType;
  object: 'event';
  data: TData;
  /** Milliseconds since the epoch. */
  timestamp: number;
  instance_id: string;
  event_attributes?: { http_request?: { client_ip: string; user_agent: string } };
}

export interface ClerkObject {
  object: string;
  [field: string]: unknown;
}

export type ClerkMetadata = Record<string, unknown>;

export interface ClerkDeletedObject extends ClerkObject {
  id?: string;
  deleted: boolean;
}

export interface ClerkEmailAddress extends ClerkObject {
  id: string;
  object: 'email_address';
  email_address: string;
}

export interface ClerkUser extends ClerkObject {
  id: string;
  object: 'user';
  external_id: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  image_url: string;
  email_addresses: ClerkEmailAddress[];
  primary_email_address_id: string | null;
  phone_numbers: (ClerkObject & { id: string; phone_number: string })[];
  primary_phone_number_id: string | null;
  public_metadata: ClerkMetadata;
  private_metadata: ClerkMetadata;
  unsafe_metadata: ClerkMetadata;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
}

export interface ClerkSession extends ClerkObject {
  id: string;
  object: 'session';
  user_id: string;
  client_id: string;
  status: string;
  created_at: number;
  updated_at: number;
  last_active_at: number;
  expire_at: number;
  abandon_at: number;
}

export interface ClerkOrganization extends ClerkObject {
  id: string;
  object: 'organization';
  name: string;
  slug: string | null;
  image_url?: string;
  public_metadata: ClerkMetadata;
  private_metadata?: ClerkMetadata;
  created_by?: string;
  created_at: number;
  updated_at: number;
}

export interface ClerkOrganizationMembership extends ClerkObject {
  id: string;
  object: 'organization_membership';
  role: string;
  organization: ClerkOrganization;
  public_user_data: {
    user_id: string;
    identifier: string;
    first_name: string | null;
    last_name: string | null;
    image_url: string;
    [field: string]: unknown;
  };
  created_at: number;
  updated_at: number;
}

export interface ClerkOrganizationInvitation extends ClerkObject {
  id: string;
  object: 'organization_invitation';
  email_address: string;
  organization_id: string;
  role: string;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface ClerkEmail extends ClerkObject {
  id: string;
  object: 'email';
  slug?: string | null;
  from_email_name: string;
  to_email_address: string;
  subject: string;
  body: string;
  status: string;
  user_id?: string | null;
  email_address_id: string | null;
  delivered_by_clerk: boolean;
  data?: Record<string, unknown> | null;
}

export interface ClerkSmsMessage extends ClerkObject {
  id: string;
  object: 'sms_message';
  from_phone_number: string;
  to_phone_number: string;
  message: string;
  status: string;
  user_id?: string | null;
  phone_number_id: string | null;
  delivered_by_clerk: boolean;
}

type Events<TData, TTypes extends string> = { [K in TTypes]: ClerkWebhookEvent<K, TData> };

/** Payload types by event name; other events still arrive, with `unknown` payloads. */
export type ClerkEvents = Events<ClerkUser, 'user.created' | 'user.updated'> &
  Events<ClerkDeletedObject, 'user.deleted' | 'organization.deleted'> &
  Events<ClerkSession, 'session.created' | 'session.ended' | 'session.removed' | 'session.revoked'> &
  Events<ClerkOrganization, 'organization.created' | 'organization.updated'> &
  Events<
    ClerkOrganizationMembership,
    'organizationMembership.created' | 'organizationMembership.updated' | 'organizationMembership.deleted'
  > &
  Events<
    ClerkOrganizationInvitation,
    'organizationInvitation.created' | 'organizationInvitation.accepted' | 'organizationInvitation.revoked'
  > &
  Events<ClerkEmail, 'email.created'> &
  Events<ClerkSmsMessage, 'sms.created'>;

export type ClerkEventName = keyof ClerkEvents;
