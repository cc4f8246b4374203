import { requireHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

const SIGNATURE = 'X-Hub-Signature-256';

/** Checks `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body under the app secret. */
export function verifyMetaSignature(request: WebhookRequest, secrets: readonly string[]): void {
  const header = requireHeader(
    request,
    SIGNATURE,
    'Meta signs every event notification with the app secret; does the proxy forward the header?',
  );
  if (!header.startsWith('sha256=')) {
    throw new WebhookError('malformed_signature', `The ${SIGNATURE} header must start with "sha256=".`);
  }
  verifyHmac({
    algorithm: 'sha256',
    secrets,
    parts: [request.body],
    signatures: header.slice('sha256='.length),
    encoding: 'hex',
    header: SIGNATURE,
    provider: 'Meta',
  });
}
