import type { BaseReceiverOptions } from '@hookwire/core';

export interface LinearOptions
  extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl' | 'now' | 'tolerance'> {
  /** The webhook's signing secret (Settings → API → Webhooks); an array accepts several during a rotation. */
  secret: string | string[];
}
