import type { BaseReceiverOptions } from '@hookwire/core';

export interface SentryOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The integration's client secret (Settings → Developer Settings); an array accepts several during a rotation. */
  secret: string | string[];
}
