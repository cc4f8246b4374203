import type { KeyObject } from 'node:crypto';
import {
  checkSignedTimestamp,
  decodeHex,
  ed25519Verify,
  requireHeader,
  type TimestampWindow,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

const SIGNATURE_HEADER = 'X-Signature-Ed25519';
const TIMESTAMP_HEADER = 'X-Signature-Timestamp';

export interface DiscordCheck {
  keys: readonly KeyObject[];
  /** Set only when the user asked for a timestamp window. */
  window?: TimestampWindow;
}

/**
 * Checks the ed25519 signature (hex) over `X-Signature-Timestamp ‖ raw body`. Every failure is a
 * 401: Discord probes the endpoint with bad signatures when the URL is saved and expects exactly that.
 */
export function verifyDiscordSignature(request: WebhookRequest, check: DiscordCheck): void {
  try {
    const hint = 'Discord signs every interaction and webhook event; is this request from Discord?';
    const signatureText = requireHeader(request, SIGNATURE_HEADER, hint);
    const timestamp = requireHeader(request, TIMESTAMP_HEADER, hint);
    const signature = decodeHex(signatureText.trim());
    if (signature?.length !== 64) {
      throw new WebhookError(
        'malformed_signature',
        `The ${SIGNATURE_HEADER} header must be 128 hex characters.`,
      );
    }
    if (check.window) checkSignedTimestamp(check.window, TIMESTAMP_HEADER, timestamp);
    const signed = Buffer.concat([Buffer.from(timestamp), request.body]);
    if (!check.keys.some((key) => ed25519Verify(key, signed, signature))) {
      throw new WebhookError(
        'signature_mismatch',
        `The ${SIGNATURE_HEADER} signature does not verify with the configured public key. Check that it is this application's public key, and that nothing changed the body before it was verified.`,
      );
    }
  } catch (error) {
    if (error instanceof WebhookError && error.status !== 401) {
      throw new WebhookError(error.code, error.message, { status: 401, cause: error });
    }
    throw error;
  }
}
