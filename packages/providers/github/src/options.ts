import type { BaseReceiverOptions } from '@hookwire/core';

export interface GitHubOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The webhook secret set at GitHub; an array accepts several during a rotation. */
  secret: string | string[];
  /**
   * Accept the legacy `X-Hub-Signature` (HMAC-SHA1) when `X-Hub-Signature-256` is absent
   * (old GitHub Enterprise Server). Default `false`: GitHub recommends SHA-256, and SHA-1-only
   * requests are refused with a message naming this option.
   */
  allowSha1?: boolean;
}
