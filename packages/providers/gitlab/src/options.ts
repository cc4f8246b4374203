import type { BaseReceiverOptions } from '@hookwire/core';

export interface GitLabOptions extends BaseReceiverOptions {
  /** The webhook's secret token, sent back verbatim in `X-Gitlab-Token`; an array accepts several. */
  secret?: string | string[];
  /**
   * The webhook's signing token (`whsec_…`, GitLab 19+): GitLab then signs each request with the
   * Standard Webhooks headers, which proves the body was not changed. An array accepts several.
   */
  signingToken?: string | string[];
}
