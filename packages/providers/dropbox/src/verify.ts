import { requireHeader, verifyHmac, type WebhookRequest } from '@hookwire/core';

const HEADER = 'X-Dropbox-Signature';

/** Checks `X-Dropbox-Signature`: the hex HMAC-SHA256 of the raw body, keyed with the app secret. */
export function verifyDropboxSignature(request: WebhookRequest, secrets: readonly string[]): void {
  verifyHmac({
    algorithm: 'sha256',
    secrets,
    parts: [request.body],
    signatures: requireHeader(
      request,
      HEADER,
      'Dropbox signs every notification; is this request from Dropbox?',
    ),
    encoding: 'hex',
    header: HEADER,
    provider: 'Dropbox',
  });
}
