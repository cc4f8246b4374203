import type { BaseReceiverOptions } from '@hookwire/core';

export interface TwitchOptions extends BaseReceiverOptions {
  /**
   * The secret given when creating the EventSub subscription (10 to 100 ASCII characters); an
   * array accepts several (subscriptions created with different secrets, or a rotation).
   */
  secret: string | string[];
  /** Seconds a message timestamp may be off, either way. Default 600: Twitch says 10 minutes. */
  tolerance?: number;
}
