import {
  checkSignedTimestamp,
  decodeHex,
  hmac,
  requireHeader,
  signatureMismatch,
  type TimestampWindow,
  timingSafeEqual,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

const SIGNATURE_HEADER = 'x-zm-signature';
const TIMESTAMP_HEADER = 'x-zm-request-timestamp';

export interface ZoomCheck extends TimestampWindow {
  secrets: readonly string[];
}

/**
 * Checks `x-zm-signature: v0=<hex>`, HMAC-SHA256 of `v0:<timestamp>:<raw body>`, and returns the
 * secret that signed it: the URL validation answer must be hashed with that same secret.
 */
export function verifyZoomSignature(request: WebhookRequest, check: ZoomCheck): string {
  const hint = 'Zoom signs every webhook with the Secret Token; is this request from Zoom?';
  const header = requireHeader(request, SIGNATURE_HEADER, hint);
  const timestamp = requireHeader(request, TIMESTAMP_HEADER, hint);
  checkSignedTimestamp(check, TIMESTAMP_HEADER, timestamp);
  const signature = header.startsWith('v0=') ? decodeHex(header.slice(3).trim()) : undefined;
  if (!signature || signature.length === 0) {
    throw new WebhookError(
      'malformed_signature',
      `The ${SIGNATURE_HEADER} header must be "v0=" followed by hex.`,
    );
  }
  const signed = [`v0:${timestamp}:`, request.body] as const;
  const secret = check.secrets.find((candidate) =>
    timingSafeEqual(hmac('sha256', candidate, ...signed), signature),
  );
  if (secret === undefined) throw signatureMismatch(SIGNATURE_HEADER, 'Zoom');
  return secret;
}
