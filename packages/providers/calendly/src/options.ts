import type { BaseReceiverOptions } from '@hookwire/core';

export interface CalendlyOptions
  extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl' | 'now' | 'tolerance'> {
  /**
   * The webhook signing key: the `signing_key` you set on the subscription, or the key Calendly
   * generated for your OAuth app; an array accepts several during a rotation.
   */
  secret: string | string[];
}
