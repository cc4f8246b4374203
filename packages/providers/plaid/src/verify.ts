import { createHash, verify as verifySignature } from 'node:crypto';
import {
  checkSignedTimestamp,
  type ProviderContext,
  requireHeader,
  timestampWindow,
  timingSafeEqual,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { decodeCompactJws } from './jwt.js';
import type { PlaidKeyCache } from './keys.js';
import type { PlaidOptions } from './options.js';

const HEADER = 'Plaid-Verification';

/**
 * Plaid's scheme: `Plaid-Verification` is an ES256 JWT whose `request_body_sha256` claim is the hex
 * SHA-256 of the raw body, and whose `iat` must be recent. Only ES256 is accepted: the algorithm comes
 * from the (unverified) header, so `none` or an HMAC algorithm must never be honoured.
 */
export async function verifyPlaidRequest(
  request: WebhookRequest,
  ctx: ProviderContext<PlaidOptions, PlaidKeyCache>,
): Promise<void> {
  const jws = decodeCompactJws(requireHeader(request, HEADER, 'Plaid signs every webhook it sends.'));
  if (jws.header.alg !== 'ES256') {
    throw new WebhookError('malformed_signature', `The ${HEADER} JWT must use alg ES256; this one does not.`);
  }
  if (typeof jws.header.kid !== 'string' || jws.header.kid === '') {
    throw new WebhookError('malformed_signature', `The ${HEADER} JWT header has no kid.`);
  }
  const key = await ctx.state.get(jws.header.kid, ctx.now());
  const valid =
    jws.signature.length === 64 &&
    verifySignature(
      'sha256',
      Buffer.from(jws.signingInput),
      { key, dsaEncoding: 'ieee-p1363' },
      jws.signature,
    );
  if (!valid) {
    throw new WebhookError(
      'signature_mismatch',
      `The ${HEADER} JWT signature does not verify with Plaid's key.`,
    );
  }
  const { iat, request_body_sha256: bodyHash } = jws.claims;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    throw new WebhookError('malformed_signature', `The ${HEADER} JWT has no numeric iat claim.`);
  }
  checkSignedTimestamp(timestampWindow(ctx), `${HEADER} iat`, iat * 1000);
  const actual = createHash('sha256').update(request.body).digest('hex');
  if (typeof bodyHash !== 'string' || !timingSafeEqual(bodyHash.toLowerCase(), actual)) {
    throw new WebhookError(
      'signature_mismatch',
      "The body's SHA-256 does not match the JWT's request_body_sha256: the body was changed after Plaid sent it (a JSON parser or proxy?).",
    );
  }
}
