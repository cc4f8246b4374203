import type { BaseReceiverOptions } from '@hookwire/core';

/** Give `secret` (signed webhooks), `code` (the unsigned ASP.NET-style setup), or both. */
export interface BitbucketOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The webhook's secret, set in Bitbucket (Cloud and Data Center sign with it in
   * `X-Hub-Signature: sha256=…`); an array accepts several during a rotation.
   */
  secret?: string | string[];
  /**
   * For webhooks without a secret: a 32–128 character value that must arrive as the `code` query
   * parameter of the webhook URL (`https://example.com/webhooks/bitbucket?code=…`), over https.
   */
  code?: string | string[];
}
