import { verifySignatureHeader, type WebhookRequest } from '@hookwire/core';

const SIGNATURE = 'X-Hub-Signature-256';

/** Checks `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body under the app secret. */
export function verifyMetaSignature(request: WebhookRequest, secrets: readonly string[]): void {
  verifySignatureHeader(request, {
    header: SIGNATURE,
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: 'sha256=',
    secrets,
    provider: 'Meta',
    hint: 'Meta signs every event notification with the app secret; does the proxy forward the header?',
  });
}
