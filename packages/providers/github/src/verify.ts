import { getHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

const SHA256_HEADER = 'X-Hub-Signature-256';
const SHA1_HEADER = 'X-Hub-Signature';

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>`. The SHA-1 header is read only when the SHA-256 one
 * is absent, so an attacker cannot downgrade a request that carries both.
 */
export function verifyGitHubSignature(
  request: WebhookRequest,
  secrets: readonly string[],
  allowSha1: boolean,
): void {
  const sha256 = getHeader(request, SHA256_HEADER);
  if (sha256 !== undefined) {
    check(request, secrets, sha256, 'sha256', SHA256_HEADER);
    return;
  }
  const sha1 = getHeader(request, SHA1_HEADER);
  if (sha1 === undefined) {
    throw new WebhookError(
      'missing_header',
      `The ${SHA256_HEADER} header is missing. GitHub sends it only when the webhook has a secret: set the same secret in the webhook's settings at GitHub.`,
    );
  }
  if (!allowSha1) {
    throw new WebhookError(
      'missing_header',
      `This request is signed only with the legacy SHA-1 ${SHA1_HEADER}, which is refused by default (GitHub recommends ${SHA256_HEADER}). Set the receiver's \`allowSha1: true\` option to accept it, e.g. for an old GitHub Enterprise Server.`,
    );
  }
  check(request, secrets, sha1, 'sha1', SHA1_HEADER);
}

function check(
  request: WebhookRequest,
  secrets: readonly string[],
  header: string,
  algorithm: 'sha256' | 'sha1',
  name: string,
): void {
  const prefix = `${algorithm}=`;
  if (!header.startsWith(prefix)) {
    throw new WebhookError('malformed_signature', `The ${name} header must start with "${prefix}".`);
  }
  verifyHmac({
    algorithm,
    secrets,
    parts: [request.body],
    signatures: header.slice(prefix.length),
    encoding: 'hex',
    header: name,
    provider: 'GitHub',
  });
}
