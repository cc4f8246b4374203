import { createHash } from 'node:crypto';
import {
  checkSignedTimestamp,
  decodeHex,
  getHeader,
  requireHeader,
  signatureMismatch,
  type TimestampWindow,
  timingSafeEqual,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { v3Uri } from './url.js';

const V3_HEADER = 'X-HubSpot-Signature-v3';
const TIMESTAMP_HEADER = 'X-HubSpot-Request-Timestamp';
const LEGACY_HEADER = 'X-HubSpot-Signature';
const VERSION_HEADER = 'X-HubSpot-Signature-Version';

export interface HubSpotCheck extends TimestampWindow {
  secrets: readonly string[];
  url: string;
  allowLegacy: boolean;
}

/**
 * v3 when its header is present (the legacy header is then ignored, so a request cannot be
 * downgraded to the unsigned-timestamp versions); otherwise v1 or v2, as the version header says.
 */
export function verifyHubSpotSignature(request: WebhookRequest, check: HubSpotCheck): void {
  const v3 = getHeader(request, V3_HEADER);
  if (v3 !== undefined || !check.allowLegacy) {
    verifyV3(request, v3, check);
    return;
  }
  const version = requireHeader(request, VERSION_HEADER, `HubSpot sends it with ${LEGACY_HEADER}.`);
  if (version !== 'v1' && version !== 'v2') {
    throw new WebhookError('malformed_header', `The ${VERSION_HEADER} header must be v1 or v2.`);
  }
  verifyLegacy(request, version, check);
}

/** Base64 HMAC-SHA256 of `method ‖ URI ‖ body ‖ timestamp`; the timestamp is in milliseconds. */
function verifyV3(request: WebhookRequest, signature: string | undefined, check: HubSpotCheck): void {
  if (signature === undefined || signature === '') {
    throw new WebhookError(
      'missing_header',
      `The ${V3_HEADER} header is missing. Is this request from HubSpot?`,
    );
  }
  const timestamp = requireHeader(request, TIMESTAMP_HEADER, `HubSpot sends it with ${V3_HEADER}.`);
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookError(
      'malformed_header',
      `The ${TIMESTAMP_HEADER} header must be milliseconds since the epoch.`,
    );
  }
  checkSignedTimestamp(check, TIMESTAMP_HEADER, Number(timestamp));
  verifyHmac({
    algorithm: 'sha256',
    secrets: check.secrets,
    parts: [request.method, v3Uri(check.url), request.body, timestamp],
    signatures: signature,
    encoding: 'base64',
    header: V3_HEADER,
    provider: 'HubSpot',
  });
}

/** Hex SHA-256 (a plain hash, not an HMAC) of `secret ‖ body` (v1) or `secret ‖ method ‖ URI ‖ body` (v2). */
function verifyLegacy(request: WebhookRequest, version: 'v1' | 'v2', check: HubSpotCheck): void {
  const signature = decodeHex(requireHeader(request, LEGACY_HEADER).trim());
  if (signature?.length !== 32) {
    throw new WebhookError('malformed_signature', `The ${LEGACY_HEADER} header is not a hex SHA-256 digest.`);
  }
  for (const secret of check.secrets) {
    const hash = createHash('sha256').update(secret);
    if (version === 'v2') hash.update(request.method).update(check.url);
    if (timingSafeEqual(hash.update(request.body).digest(), signature)) return;
  }
  throw signatureMismatch(LEGACY_HEADER, 'HubSpot');
}
