import type { BaseReceiverOptions } from '@hookwire/core';

export interface IntercomOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The app's client secret (Developer Hub → Basic information), or the `hub_secret` of an
   * API-created subscription; an array accepts several during a rotation.
   */
  secret: string | string[];
}
