import {
  getHeader,
  requireHeader,
  timingSafeEqual,
  verifyStandardWebhook,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

const TOKEN_HEADER = 'X-Gitlab-Token';

export interface GitLabCheck {
  tokens: readonly string[];
  signingKeys: readonly Uint8Array[];
  nowMs: number;
  toleranceSeconds: number;
}

/**
 * The secret token is compared in constant time; it proves who sent the request, not what it
 * says (GitLab sends the token itself, not a signature of the body). A signing token adds a
 * Standard Webhooks HMAC over id, timestamp and body. When both are configured, both must pass.
 */
export function verifyGitLabRequest(request: WebhookRequest, check: GitLabCheck): void {
  if (check.signingKeys.length > 0) {
    verifyStandardWebhook({
      id: getHeader(request, 'webhook-id'),
      timestamp: getHeader(request, 'webhook-timestamp'),
      signature: getHeader(request, 'webhook-signature'),
      body: request.body,
      keys: check.signingKeys,
      nowMs: check.nowMs,
      toleranceSeconds: check.toleranceSeconds,
    });
  }
  if (check.tokens.length > 0) {
    const token = requireHeader(
      request,
      TOKEN_HEADER,
      "GitLab sends it only when the webhook has a secret token: set the same token in the webhook's settings.",
    );
    if (!check.tokens.some((expected) => timingSafeEqual(expected, token))) {
      throw new WebhookError(
        'unauthorized',
        `The ${TOKEN_HEADER} header does not match the configured secret token. Check the token set on the webhook at GitLab.`,
      );
    }
  }
}
