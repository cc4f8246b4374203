/**
 * An event-subscription delivery (a webhook subscribed to `zen:event-type:*` events). `type` is the
 * Hookwire event name.
 */
export interface ZendeskEvent<TType extends string = string, TDetail = Record<string, unknown>> {
  type: TType;
  account_id: number;
  id: string;
  time: string;
  zendesk_event_version: string;
  subject: string;
  detail: TDetail;
  event: Record<string, unknown>;
}

export interface ZendeskTicketDetail {
  id: string;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  type: string | null;
  requester_id: string;
  assignee_id: string | null;
  group_id: string | null;
  organization_id: string | null;
  brand_id: string;
  tags: string[];
  via: { channel: string };
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface ZendeskUserDetail {
  id: string;
  email: string;
  name: string;
  role: string;
  organization_id: string | null;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

type Ticket<T extends string> = ZendeskEvent<`zen:event-type:ticket.${T}`, ZendeskTicketDetail>;
type User<T extends string> = ZendeskEvent<`zen:event-type:user.${T}`, ZendeskUserDetail>;

/**
 * Payloads by event name. Ticket and user events are typed; other `zen:event-type:*` events get the
 * generic envelope; trigger webhooks (named by the `triggerEvent` option) are typed `unknown`.
 */
export type ZendeskEvents = {
  [T in
    | 'created'
    | 'status_changed'
    | 'comment_added'
    | 'priority_changed'
    | 'agent_assignment_changed'
    | 'tags_changed'
    | 'soft_deleted' as `zen:event-type:ticket.${T}`]: Ticket<T>;
} & {
  [T in
    | 'created'
    | 'deleted'
    | 'email_changed'
    | 'name_changed'
    | 'role_changed' as `zen:event-type:user.${T}`]: User<T>;
} & { [type: `zen:event-type:${string}`]: ZendeskEvent };
