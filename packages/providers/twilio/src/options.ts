import type { BaseReceiverOptions, WebhookRequest } from '@hookwire/core';

export interface TwilioOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The account's Auth Token (it signs webhooks with HMAC-SHA1). An array accepts the primary and
   * the secondary token while you promote a new one.
   */
  secret?: string | string[];
  /**
   * SharedKey secret(s), for webhooks that a Twilio Webhook Rule signs with a SharedKey (they carry
   * `X-Twilio-Webhooks-Signature-Settings`, which names the algorithm).
   */
  sharedKey?: string | string[];
  /**
   * The URL Twilio requested, when this server sees another one (behind a proxy). A string is the
   * public base URL (`https://hooks.example.com`, a path in it is put before the request's path unless that path already starts with it);
   * the request's path and query string are kept. A function returns the full URL itself.
   */
  publicUrl?: string | ((request: WebhookRequest) => string);
}
