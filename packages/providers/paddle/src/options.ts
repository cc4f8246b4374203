import type { BaseReceiverOptions } from '@hookwire/core';

export interface PaddleOptions extends BaseReceiverOptions {
  /** The notification destination's secret key (`pdl_ntfset_…`); an array accepts several. */
  secret: string | string[];
  /**
   * Seconds the signed `ts` may be off, either way. Default 5, the window Paddle's SDKs enforce
   * and its docs ask manual implementations to apply.
   */
  tolerance?: number;
}
