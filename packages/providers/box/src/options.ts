import type { BaseReceiverOptions } from '@hookwire/core';

export interface BoxOptions extends BaseReceiverOptions {
  /** The primary signature key from the app's Webhooks tab in the Box Developer Console. */
  primaryKey: string;
  /**
   * The secondary signature key. Box signs every delivery with both keys, so while one key is being
   * reset the other still verifies it.
   */
  secondaryKey?: string;
  /** Seconds a `BOX-DELIVERY-TIMESTAMP` may be off, either way (default 600: Box's ten minutes). */
  tolerance?: number;
}
