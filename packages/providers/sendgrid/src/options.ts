import type { KeyObject } from 'node:crypto';
import type { BaseReceiverOptions } from '@hookwire/core';

export interface SendGridOptions extends BaseReceiverOptions {
  /**
   * The Signed Event Webhook verification key, as SendGrid shows it (base64 of the DER public key)
   * or as PEM. An array accepts several keys (several Event Webhooks, or a key being replaced).
   */
  publicKey: string | KeyObject | (string | KeyObject)[];
}
