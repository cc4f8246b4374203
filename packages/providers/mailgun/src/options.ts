import type { BaseReceiverOptions, DedupeStore } from '@hookwire/core';

export interface MailgunOptions
  extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl' | 'now' | 'tolerance'> {
  /**
   * The HTTP webhook signing key (Sending → Webhooks → "HTTP webhook signing key"), not the API
   * key; an array accepts several during a rotation. A primary account's key also verifies its
   * subaccounts' webhooks, through their `parent-signature`.
   */
  secret: string | string[];
  /**
   * Where used signature tokens are remembered, so a captured request cannot be replayed: an
   * in-memory store by default. Give a shared store when several processes receive webhooks, or
   * `false` to turn the check off.
   */
  replayStore?: DedupeStore | false;
}
