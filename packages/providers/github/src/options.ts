import type { BaseReceiverOptions } from '@hookwire/core';

export interface GitHubOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The webhook secret set at GitHub; an array accepts several during a rotation. */
  secret: string | string[];
  /**
   * Accept the legacy `X-Hub-Signature` (HMAC-SHA1) when `X-Hub-Signature-256` is absent
   * (GitHub Enterprise Server before 3.x). Default `true`; set `false` to require SHA-256.
   */
  allowSha1?: boolean;
}
