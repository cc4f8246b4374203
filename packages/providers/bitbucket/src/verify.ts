import { verifyCodeParameter, verifySignatureHeader, type WebhookRequest } from '@hookwire/core';

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
  verifySignatureHeader(request, {
    header: HEADER,
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: PREFIX,
    secrets: credentials.secrets,
    provider: 'Bitbucket',
    hint: "Bitbucket signs only webhooks that have a secret: set the same secret in the webhook's settings in Bitbucket.",
  });
}
