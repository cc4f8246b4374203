/** The `event-data` of a Mailgun webhook (the JSON webhooks introduced in 2018). */
export interface MailgunEventData<TEvent extends string = string> {
  id: string;
  event: TEvent;
  /** Seconds since the epoch, with a fraction. */
  timestamp: number;
  'log-level'?: 'info' | 'warn' | 'error';
  recipient?: string;
  'recipient-domain'?: string;
  tags?: string[];
  'user-variables'?: Record<string, unknown>;
  flags?: Record<string, boolean>;
  envelope?: { sender?: string; targets?: string; transport?: string; 'sending-ip'?: string };
  message?: {
    headers: { 'message-id': string; from?: string; to?: string; subject?: string };
    attachments?: { filename: string; 'content-type': string; size: number }[];
    size?: number;
  };
  'delivery-status'?: {
    code?: number;
    message?: string;
    description?: string;
    'attempt-no'?: number;
    'session-seconds'?: number;
    [key: string]: unknown;
  };
  /** `permanent` or `temporary`, on `failed` events. */
  severity?: 'permanent' | 'temporary';
  reason?: string;
  url?: string;
  ip?: string;
  geolocation?: { country?: string; region?: string; city?: string };
  'client-info'?: Record<string, string>;
  storage?: { url: string; key: string };
  [key: string]: unknown;
}

/**
 * A legacy form-encoded or multipart webhook (and routed inbound mail): its fields as sent, file
 * parts as `Blob`s.
 */
export type MailgunFormPayload = Record<string, string | Blob>;

/** Payload types of Mailgun's webhook events, keyed by `event-data.event`. */
export type MailgunEvents = {
  accepted: MailgunEventData<'accepted'>;
  rejected: MailgunEventData<'rejected'>;
  delivered: MailgunEventData<'delivered'>;
  failed: MailgunEventData<'failed'>;
  opened: MailgunEventData<'opened'>;
  clicked: MailgunEventData<'clicked'>;
  unsubscribed: MailgunEventData<'unsubscribed'>;
  complained: MailgunEventData<'complained'>;
  stored: MailgunEventData<'stored'>;
  list_member_uploaded: MailgunEventData<'list_member_uploaded'>;
  list_member_upload_error: MailgunEventData<'list_member_upload_error'>;
  list_uploaded: MailgunEventData<'list_uploaded'>;
  /** A routed inbound message (a `forward()` route posts form fields and no `event`). */
  inbound: MailgunFormPayload;
};

export type MailgunEventName = keyof MailgunEvents;
