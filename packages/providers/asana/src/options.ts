import type { BaseReceiverOptions, WebhookRequest } from '@hookwire/core';

export interface AsanaOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The `X-Hook-Secret` Asana sent in the handshake of this webhook; an array accepts the secrets of
   * several webhooks that post to the same URL. Absent until the first handshake: events are then refused.
   */
  secret?: string | string[];
  /**
   * Called with the `X-Hook-Secret` of a handshake, before it is echoed back. Store it: it is the key of
   * every later `X-Hook-Signature`, and Asana never shows it again. Return `false` (or throw) to refuse a
   * handshake you did not expect (nobody is creating a webhook right now): anyone can send one.
   */
  onHandshake?: (secret: string, request: WebhookRequest) => unknown;
}
