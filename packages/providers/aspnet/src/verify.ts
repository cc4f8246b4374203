import { requireHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

const SIGNATURE = 'ms-signature';

/**
 * Checks `ms-signature: sha256=<HEX>`, the HMAC-SHA256 of the raw body keyed with the UTF-8 secret.
 * ASP.NET writes the hex in upper case and reads the `sha256` key case-insensitively; so do we.
 */
export function verifyAspNetSignature(request: WebhookRequest, secrets: readonly string[]): void {
  const header = requireHeader(
    request,
    SIGNATURE,
    'An ASP.NET WebHooks sender signs every notification; was the webhook registered with a secret?',
  );
  const separator = header.indexOf('=');
  if (separator === -1 || header.slice(0, separator).trim().toLowerCase() !== 'sha256') {
    throw new WebhookError('malformed_signature', `The ${SIGNATURE} header must look like "sha256=<hex>".`);
  }
  verifyHmac({
    algorithm: 'sha256',
    secrets,
    parts: [request.body],
    signatures: header.slice(separator + 1),
    encoding: 'hex',
    header: SIGNATURE,
    provider: 'the ASP.NET WebHooks sender',
  });
}
