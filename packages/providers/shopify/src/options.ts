import type { BaseReceiverOptions } from '@hookwire/core';

export interface ShopifyOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The app's client secret (API secret key); an array accepts several during a rotation. */
  secret: string | string[];
}
