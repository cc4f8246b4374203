import type { BaseReceiverOptions } from '@hookwire/core';

export interface XeroOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The webhooks key shown on the app's Webhooks page at Xero; an array accepts several during a change. */
  secret: string | string[];
}
