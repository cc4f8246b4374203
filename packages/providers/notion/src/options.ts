import type { BaseReceiverOptions, WebhookRequest } from '@hookwire/core';

export interface NotionOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The subscription's `verification_token` (`secret_…`), which signs every event; an array accepts
   * several subscriptions posting to one URL. Absent until the token arrives: events are then refused.
   */
  secret?: string | string[];
  /**
   * Called with the `verification_token` Notion posts once when a subscription is created (and again on
   * "Resend token"). Show or store it: it must be pasted into the integration's Verify form, and it is
   * the key of every later `X-Notion-Signature`. The request is unsigned, so anyone can send one: return
   * `false` (or throw) to refuse a token you did not expect.
   */
  onVerificationToken?: (token: string, request: WebhookRequest) => unknown;
}
