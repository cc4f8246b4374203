import type { BaseReceiverOptions } from '@hookwire/core';

export interface MicrosoftGraphOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The `clientState` you set when creating the subscription(s) (up to 255 characters; use a long
   * random value). Every notification must carry one of these: give them all when several
   * subscriptions (or a change of value) share this URL.
   */
  clientState: string | string[];
}
