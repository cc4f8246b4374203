/** The body of every Intercom webhook notification. */
export interface IntercomNotification<TTopic extends string = string, TItem = Record<string, unknown>> {
  type: 'notification_event';
  id: string;
  topic: TTopic;
  app_id: string;
  data: { type: 'notification_event_data'; item: TItem };
  delivery_status?: string | null;
  delivery_attempts: number;
  delivered_at: number;
  first_sent_at: number;
  created_at: number;
  links?: Record<string, unknown>;
  self?: string | null;
}

export interface IntercomConversation {
  type: 'conversation';
  id: string;
  created_at: number;
  updated_at: number;
  state?: 'open' | 'closed' | 'snoozed';
  open?: boolean;
  title?: string | null;
  source?: Record<string, unknown>;
  conversation_parts?: { conversation_parts: Record<string, unknown>[] };
  [key: string]: unknown;
}

export interface IntercomContact {
  type: 'contact';
  id: string;
  role: 'user' | 'lead';
  email?: string | null;
  external_id?: string | null;
  name?: string | null;
  [key: string]: unknown;
}

type Conversation<T extends string> = IntercomNotification<T, IntercomConversation>;
type Contact<T extends string> = IntercomNotification<T, IntercomContact>;

/** Payload types of Intercom's common topics. Other topics arrive with an `unknown` payload. */
export type IntercomEvents = {
  /** Sent from the Developer Hub to test the endpoint; answered 200 like any event. */
  ping: IntercomNotification<'ping', { type: 'ping'; message: string }>;
  'conversation.user.created': Conversation<'conversation.user.created'>;
  'conversation.user.replied': Conversation<'conversation.user.replied'>;
  'conversation.admin.replied': Conversation<'conversation.admin.replied'>;
  'conversation.admin.assigned': Conversation<'conversation.admin.assigned'>;
  'conversation.admin.closed': Conversation<'conversation.admin.closed'>;
  'conversation.admin.opened': Conversation<'conversation.admin.opened'>;
  'conversation.admin.noted': Conversation<'conversation.admin.noted'>;
  'contact.user.created': Contact<'contact.user.created'>;
  'contact.lead.created': Contact<'contact.lead.created'>;
  'contact.user.updated': Contact<'contact.user.updated'>;
  'contact.deleted': Contact<'contact.deleted'>;
};

export type IntercomEventName = keyof IntercomEvents;
