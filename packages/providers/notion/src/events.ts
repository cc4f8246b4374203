export type NotionEventType =
  | 'page.created'
  | 'page.properties_updated'
  | 'page.content_updated'
  | 'page.moved'
  | 'page.deleted'
  | 'page.undeleted'
  | 'page.locked'
  | 'page.unlocked'
  | 'database.created'
  | 'database.content_updated'
  | 'database.moved'
  | 'database.deleted'
  | 'database.undeleted'
  | 'database.schema_updated'
  | 'data_source.created'
  | 'data_source.content_updated'
  | 'data_source.moved'
  | 'data_source.deleted'
  | 'data_source.undeleted'
  | 'data_source.schema_updated'
  | 'comment.created'
  | 'comment.updated'
  | 'comment.deleted';

/** The envelope of every Notion webhook event; `data` depends on the type. */
export interface NotionWebhookEvent<TType extends string = NotionEventType> {
  id: string;
  timestamp: string;
  workspace_id: string;
  workspace_name?: string;
  subscription_id: string;
  integration_id: string;
  type: TType;
  authors: { id: string; type: 'person' | 'bot' | 'agent' | string }[];
  accessible_by?: { id: string; type: string }[];
  attempt_number: number;
  api_version?: string;
  entity: { id: string; type: 'page' | 'block' | 'database' | 'data_source' | 'comment' | string };
  data?: Record<string, unknown>;
}

/** The one unsigned request Notion sends when a subscription is created. */
export interface NotionVerificationRequest {
  verification_token: string;
}

/** Payload types by Hookwire event name (the body's `type`). */
export type NotionEvents = { [T in NotionEventType]: NotionWebhookEvent<T> };
