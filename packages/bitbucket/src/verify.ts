import {
  getHeader,
  verifyCodeParameter,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

const HEADER = 'X-Hub-Signature';
const PREFIX = 'sha256=';

export interface BitbucketCredentials {
  secrets: string[] | undefined;
  codes: string[] | undefined;
}

/**
 * Checks the `code` query parameter when one is configured, and `X-Hub-Signature: sha256=<hex>`
 * (HMAC-SHA256 of the raw body; Bitbucket uses this header name, not `X-Hub-Signature-256`) when a
 * secret is.
 */
export function verifyBitbucketRequest(request: WebhookRequest, credentials: BitbucketCredentials): void {
  if (credentials.codes) verifyCodeParameter(request, credentials.codes, 'Bitbucket');
  if (!credentials.secrets) return;
  const header = getHeader(request, HEADER);
  if (header === undefined || header === '') {
    throw new WebhookError(
      'missing_header',
      `The ${HEADER} header is missing. Bitbucket signs only webhooks that have a secret: set the same secret in the webhook's settings in Bitbucket.`,
    );
  }
  if (!header.startsWith(PREFIX)) {
    throw new WebhookError('malformed_signature', `The ${HEADER} header must start with "${PREFIX}".`);
  }
  verifyHmac({
    algorithm: 'sha256',
    secrets: credentials.secrets,
    parts: [request.body],
    signatures: header.slice(PREFIX.length),
    encoding: 'hex',
    header: HEADER,
    provider: 'Bitbucket',
  });
}
