import type { BaseReceiverOptions } from '@hookwire/core';

/** Give `code`, or `username` and `password`, or both (then both must match). */
export interface AzureDevOpsOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret in the service hook URL's `?code=` (32–128 characters); an array during a rotation. */
  code?: string | string[];
  /** The service hook's basic authentication user name. */
  username?: string;
  /** Its password; an array accepts several during a rotation. */
  password?: string | string[];
}
