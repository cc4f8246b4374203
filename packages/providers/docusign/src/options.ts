import type { BaseReceiverOptions } from '@hookwire/core';

export interface DocuSignOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The Connect HMAC secret key(s) from Settings → Connect → Connect Keys. DocuSign signs each message
   * once per active key; give every key you have active (an array) and any one matching is enough.
   */
  secret: string | string[];
}
