import { getHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

const SIGNATURE_HEADER = /^x-docusign-signature-(\d{1,3})$/;

/**
 * DocuSign sends one `X-DocuSign-Signature-N` header per active HMAC key: base64 HMAC-SHA256 of the
 * raw body. Any header matching any configured key is enough (that is how keys are rotated).
 */
export function verifyDocuSignSignature(request: WebhookRequest, secrets: readonly string[]): void {
  const names = Object.keys(request.headers)
    .filter((name) => SIGNATURE_HEADER.test(name))
    .sort((a, b) => Number(SIGNATURE_HEADER.exec(a)![1]) - Number(SIGNATURE_HEADER.exec(b)![1]));
  const signatures = names
    .map((name) => getHeader(request, name))
    .filter((value) => value !== undefined && value !== '');
  if (signatures.length === 0) {
    throw new WebhookError(
      'missing_header',
      'The X-DocuSign-Signature-1 header is missing. Tick "Include HMAC Signature" in the Connect configuration and add a Connect key.',
    );
  }
  verifyHmac({
    algorithm: 'sha256',
    secrets,
    parts: [request.body],
    signatures: signatures as string[],
    encoding: 'base64',
    header: 'X-DocuSign-Signature-N',
    provider: 'DocuSign',
  });
}
