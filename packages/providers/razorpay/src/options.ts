import type { BaseReceiverOptions } from '@hookwire/core';

export interface RazorpayOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The webhook secret set on the webhook in the Dashboard (not the API key secret); an array
   * accepts several during a rotation.
   */
  secret: string | string[];
}
