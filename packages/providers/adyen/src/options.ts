import type { BaseReceiverOptions } from '@hookwire/core';

export interface AdyenOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The webhook's HMAC key as the Customer Area shows it: hex (64 characters). It is hex-decoded
   * before use. An array accepts several during a rotation (each webhook endpoint has its own key).
   */
  secret: string | string[];
}
