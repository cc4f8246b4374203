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
   * Accept the legacy `x-square-signature` (HMAC-SHA1) when `x-square-hmacsha256-signature` is
   * absent. Default `false`: Square sends the SHA-256 header with every notification.
   */
  allowSha1?: boolean;
}
