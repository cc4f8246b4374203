import type { BaseReceiverOptions } from '@hookwire/core';

export interface TypeformOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The `secret` set on the webhook (Connect → Webhooks, or the Webhooks API); an array accepts several during a rotation. */
  secret: string | string[];
}
