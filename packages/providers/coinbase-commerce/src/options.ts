import type { BaseReceiverOptions } from '@hookwire/core';

export interface CoinbaseCommerceOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The webhook shared secret (Settings → Notifications); an array accepts several during a rotation. */
  secret: string | string[];
}
