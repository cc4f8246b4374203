/**
 * The body of an Airtable webhook notification. It only says that something changed: list the
 * webhook's payloads (`GET /v0/bases/{baseId}/webhooks/{webhookId}/payloads`) to see what.
 */
export interface AirtableNotification {
  base: { id: string };
  webhook: { id: string };
  timestamp: string;
}

/** Payload types by Hookwire event name: Airtable sends one kind, the notification `ping`. */
export type AirtableEvents = { ping: AirtableNotification };
