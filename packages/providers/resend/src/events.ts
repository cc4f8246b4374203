/**
 * Minimal, hand-written payload types for Resend's webhook events, from Resend's documented
 * examples; every object also allows other fields as `unknown`.
 */

export interface ResendWebhookEvent<TType extends string = string, TData = Record<string, unknown>> {
  type: TType;
  /** ISO 8601. */
  created_at: string;
  data: TData;
}

export interface ResendEmailData {
  email_id: string;
  created_at: string;
  from: string;
  to: string[];
  subject: string;
  broadcast_id?: string;
  template_id?: string;
  tags?: Record<string, string>;
  headers?: { name: string; value: string }[];
  /** On `email.bounced`. */
  bounce?: { message: string; type: string; subType: string; [field: string]: unknown };
  /** On `email.clicked`. */
  click?: { link: string; timestamp: string; ipAddress: string; userAgent: string; [field: string]: unknown };
  /** On `email.failed`. */
  failed?: { reason: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface ResendContactData {
  id: string;
  email: string;
  first_name?: string | null;
  last_name?: string | null;
  unsubscribed: boolean;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface ResendDomainData {
  id: string;
  name: string;
  status: string;
  region: string;
  created_at: string;
  records?: Record<string, unknown>[];
  [field: string]: unknown;
}

type Events<TData, TTypes extends string> = { [K in TTypes]: ResendWebhookEvent<K, TData> };

/** Payload types by event name; other events still arrive, with `unknown` payloads. */
export type ResendEvents = Events<
  ResendEmailData,
  | 'email.sent'
  | 'email.scheduled'
  | 'email.delivered'
  | 'email.delivery_delayed'
  | 'email.complained'
  | 'email.bounced'
  | 'email.opened'
  | 'email.clicked'
  | 'email.failed'
> &
  Events<ResendContactData, 'contact.created' | 'contact.updated' | 'contact.deleted'> &
  Events<ResendDomainData, 'domain.created' | 'domain.updated' | 'domain.deleted'>;

export type ResendEventName = keyof ResendEvents;
