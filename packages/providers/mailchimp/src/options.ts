import type { BaseReceiverOptions } from '@hookwire/core';

export interface MailchimpOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * Mailchimp signs nothing: register the webhook URL with `?code=<this value>` (32–128 random
   * characters) and it is compared in constant time on every POST and on the validator's GET,
   * over https. An array accepts
   * several during a rotation.
   */
  code: string | string[];
}
