import type { BaseReceiverOptions } from '@hookwire/core';

export interface SalesforceOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * Your organization's id (Setup → Company Information), 15 or 18 characters; compared on its
   * first 15, which identify the org. An array accepts several orgs (a sandbox and production).
   */
  organizationId: string | string[];
  /**
   * Recommended: an org id is not a secret, so also register the endpoint URL with
   * `?code=<32–128 random characters>` and give that value here.
   */
  code?: string | string[];
}
