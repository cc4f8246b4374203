import type { BaseReceiverOptions } from '@hookwire/core';

export interface SquareOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The subscription's signature key; an array accepts the old and new key during a rotation. */
  secret: string | string[];
  /**
   * The notification URL exactly as configured on the subscription (scheme, host, path, query).
   * Square signs this string, not the URL this server sees behind a proxy.
   */
  notificationUrl: string;
  /**
   * Accept the legacy `x-square-signature` (base64 HMAC-SHA1 of notification URL ‖ body), which
   * older subscriptions still send, when `x-square-hmacsha256-signature` is absent. Default
   * `false`: such a request is refused with a message naming this option.
   */
  allowSha1?: boolean;
}
