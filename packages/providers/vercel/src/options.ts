import type { BaseReceiverOptions } from '@hookwire/core';

export interface VercelOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The secret Vercel shows when the webhook is created (account webhooks), or the integration's
   * client secret (integration webhooks); an array accepts several during a rotation.
   */
  secret: string | string[];
}
