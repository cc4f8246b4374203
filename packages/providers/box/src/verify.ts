import {
  checkSignedTimestamp,
  decodeBase64,
  getHeader,
  hmac,
  type ProviderContext,
  requireHeader,
  signatureMismatch,
  timestampWindow,
  timingSafeEqual,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import type { BoxOptions } from './options.js';
import { parseDeliveryTimestamp } from './timestamp.js';

export interface BoxKeys {
  primaryKey: string;
  secondaryKey: string | undefined;
}

const TIMESTAMP = 'BOX-DELIVERY-TIMESTAMP';
const PRIMARY = 'BOX-SIGNATURE-PRIMARY';
const SECONDARY = 'BOX-SIGNATURE-SECONDARY';

type Outcome = 'match' | 'mismatch' | 'malformed';

/**
 * Box V2 signatures: base64 HMAC-SHA256 of the body bytes followed by the delivery timestamp, once
 * with each key. The primary header is checked with the primary key only and the secondary header
 * with the secondary key only; either one matching is enough (that is how Box rotates keys).
 */
export function verifyBoxSignature(request: WebhookRequest, ctx: ProviderContext<BoxOptions, BoxKeys>): void {
  const timestamp = requireHeader(request, TIMESTAMP, 'Box sends it with every V2 webhook delivery.');
  const timestampMs = parseDeliveryTimestamp(timestamp, TIMESTAMP);
  checkSchemeHeader(request, 'BOX-SIGNATURE-VERSION', '1');
  checkSchemeHeader(request, 'BOX-SIGNATURE-ALGORITHM', 'HmacSHA256');

  const outcomes: Outcome[] = [];
  for (const [header, key] of [
    [PRIMARY, ctx.state.primaryKey],
    [SECONDARY, ctx.state.secondaryKey],
  ] as const) {
    const signature = getHeader(request, header);
    if (signature === undefined || signature === '') continue;
    outcomes.push(key === undefined ? 'mismatch' : compare(key, signature, request.body, timestamp));
  }
  if (outcomes.length === 0) {
    throw new WebhookError(
      'missing_header',
      `The ${PRIMARY} and ${SECONDARY} headers are missing. Box signs deliveries only once signature keys are generated in the app's Webhooks tab.`,
    );
  }
  if (outcomes.includes('match')) {
    checkSignedTimestamp(timestampWindow(ctx), TIMESTAMP, timestampMs);
    return;
  }
  if (outcomes.includes('mismatch')) throw signatureMismatch(`${PRIMARY} / ${SECONDARY}`, 'Box');
  throw new WebhookError(
    'malformed_signature',
    `The ${PRIMARY} / ${SECONDARY} headers are not base64 signatures. Check that the request comes from Box.`,
  );
}

function compare(key: string, signature: string, body: Uint8Array, timestamp: string): Outcome {
  const received = decodeBase64(signature.trim());
  if (!received || received.length === 0) return 'malformed';
  return timingSafeEqual(hmac('sha256', key, body, timestamp), received) ? 'match' : 'mismatch';
}

// Box documents one value for each; anything else is a scheme this receiver does not know.
function checkSchemeHeader(request: WebhookRequest, name: string, expected: string): void {
  const value = requireHeader(request, name, `Box sends ${name}: ${expected} with signed deliveries.`);
  if (value.trim() !== expected) {
    throw new WebhookError(
      'malformed_header',
      `The ${name} header is not "${expected}", the only value Box documents; this receiver cannot verify another scheme.`,
    );
  }
}
