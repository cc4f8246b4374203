import {
  checkSignedTimestamp,
  type ProviderContext,
  parseUnixSeconds,
  requireHeader,
  timestampWindow,
  verifyHmac,
  type WebhookRequest,
} from '@hookwire/core';
import { parseStripeSignature } from './header.js';

const HEADER = 'Stripe-Signature';

/**
 * Checks `HMAC-SHA256(secret, t + "." + body)` against the `v1` signatures, then the timestamp.
 * The `whsec_` secret is the key as UTF-8 text, not base64-decoded (unlike Standard Webhooks).
 */
export function verifyStripeSignature(
  request: WebhookRequest,
  ctx: ProviderContext<unknown, { secrets: string[] }>,
): void {
  const header = parseStripeSignature(
    requireHeader(request, HEADER, 'Stripe signs every webhook; is this request from Stripe?'),
  );
  const timestampMs = parseUnixSeconds(header.timestamp, `${HEADER} t=`);
  verifyHmac({
    algorithm: 'sha256',
    secrets: ctx.state.secrets,
    parts: [header.timestamp, '.', request.body],
    signatures: header.signatures,
    encoding: 'hex',
    header: HEADER,
    provider: 'Stripe',
  });
  // Stripe's SDKs reject only events older than the tolerance; a timestamp as far in the future
  // is just as much a replay window, so it is rejected too (see the README).
  checkSignedTimestamp(timestampWindow(ctx), `${HEADER} t=`, timestampMs);
}
