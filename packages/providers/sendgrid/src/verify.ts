import { type KeyObject, verify } from 'node:crypto';
import {
  checkSignedTimestamp,
  decodeBase64,
  requireHeader,
  type TimestampWindow,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

export const SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

export interface SendGridCheck extends TimestampWindow {
  keys: readonly KeyObject[];
}

/** Checks the ECDSA P-256 / SHA-256 signature (base64 DER) over `timestamp ‖ raw body`. */
export function verifySendGridSignature(request: WebhookRequest, check: SendGridCheck): void {
  const hint = 'Turn on "Signed Event Webhook Requests" in the Event Webhook settings at SendGrid.';
  const signatureText = requireHeader(request, SIGNATURE_HEADER, hint);
  const timestamp = requireHeader(request, TIMESTAMP_HEADER, hint);
  checkSignedTimestamp(check, TIMESTAMP_HEADER, timestamp);
  const signature = decodeBase64(signatureText.trim());
  if (!signature || signature.length === 0) {
    throw new WebhookError(
      'malformed_signature',
      `The ${SIGNATURE_HEADER} header is not a base64 signature.`,
    );
  }
  const signed = Buffer.concat([Buffer.from(timestamp), request.body]);
  for (const key of check.keys) {
    if (verify('sha256', signed, { key, dsaEncoding: 'der' }, signature)) return;
  }
  throw new WebhookError(
    'signature_mismatch',
    `The ${SIGNATURE_HEADER} signature does not verify with the configured key. Check that the key is this Event Webhook's verification key, and that nothing (a JSON body parser, a proxy) changed the body before it was verified.`,
  );
}
