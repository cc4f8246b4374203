import type { BaseReceiverOptions } from '@hookwire/core';

export interface PostmarkOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The user name in the webhook URL you gave Postmark (`https://<username>:<password>@host/path`). */
  username: string;
  /** The password in that URL; an array accepts several while you change the URL at Postmark. */
  password: string | string[];
}
