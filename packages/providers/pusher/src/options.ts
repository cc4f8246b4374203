import type { BaseReceiverOptions } from '@hookwire/core';

export interface PusherOptions extends BaseReceiverOptions {
  /**
   * Every Channels app key (token) this endpoint accepts, mapped to its secret. Pusher names the
   * key in `X-Pusher-Key` (an app may have several tokens; to rotate, add a token and list both
   * here). A value may be an array of secrets for the same key.
   */
  apps: Record<string, string | string[]>;
  /**
   * Seconds the signed `time_ms` may be off from now. Default 600: Pusher retries a failed webhook
   * for 5 minutes, so the window leaves room for the last retry.
   */
  tolerance?: number;
}
