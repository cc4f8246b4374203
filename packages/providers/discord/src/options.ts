import type { KeyObject } from 'node:crypto';
import type { BaseReceiverOptions } from '@hookwire/core';

export interface DiscordOptions extends BaseReceiverOptions {
  /** The application's public key from the Developer Portal (hex); an array accepts several apps' keys. */
  publicKey: string | KeyObject | (string | KeyObject)[];
  /**
   * Seconds `X-Signature-Timestamp` may be off. Discord documents no window, so the timestamp is
   * only checked when this is set.
   */
  tolerance?: number;
}
