import type { BaseReceiverOptions } from '@hookwire/core';

export interface LemonSqueezyOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The signing secret entered when the webhook was created; an array accepts several during a rotation. */
  secret: string | string[];
}
