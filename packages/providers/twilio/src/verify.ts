import { createHash } from 'node:crypto';
import {
  contentType,
  decodeBase64,
  decodeHex,
  getHeader,
  type HmacAlgorithm,
  hmac,
  parseFormBody,
  signatureMismatch,
  timingSafeEqual,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { sortedParamString } from './params.js';
import { candidateUrls } from './url.js';

export const SIGNATURE_HEADER = 'X-Twilio-Signature';
const SETTINGS_HEADER = 'X-Twilio-Webhooks-Signature-Settings';

export interface TwilioKeys {
  authTokens: readonly string[];
  sharedKeys: readonly string[];
}

/**
 * Checks `X-Twilio-Signature`: base64 HMAC of the URL Twilio requested followed by every POST
 * parameter sorted by name (name then value, decoded, no separators). A JSON body is covered
 * instead by the `bodySHA256` query parameter, which is part of the signed URL.
 */
export function verifyTwilioSignature(request: WebhookRequest, url: string, keys: TwilioKeys): void {
  const header = getHeader(request, SIGNATURE_HEADER);
  if (header === undefined || header === '') {
    throw new WebhookError(
      'missing_header',
      `The ${SIGNATURE_HEADER} header is missing. Twilio signs every webhook; is this request from Twilio?`,
    );
  }
  const signature = decodeBase64(header.trim());
  if (!signature || signature.length === 0) {
    throw new WebhookError(
      'malformed_signature',
      `The ${SIGNATURE_HEADER} header is not a base64 signature.`,
    );
  }
  const { algorithm, secrets } = signingKeys(request, keys);
  const params = signedParams(request, url);
  const candidates = candidateUrls(url).map((candidate) => candidate + params);
  const matched = secrets.some((secret) =>
    candidates.some((data) => timingSafeEqual(hmac(algorithm, secret, data), signature)),
  );
  if (!matched) throw signatureMismatch(SIGNATURE_HEADER, 'Twilio');
  checkBodyHash(request, url);
}

/** Auth Token and HMAC-SHA1 by default; a SharedKey and the named algorithm when Twilio says so. */
function signingKeys(request: WebhookRequest, keys: TwilioKeys) {
  const settings = getHeader(request, SETTINGS_HEADER);
  if (settings === undefined) {
    if (keys.authTokens.length === 0) {
      throw new WebhookError(
        'unauthorized',
        'This Twilio webhook is signed with the Auth Token, but only a `sharedKey` is configured. Set `secret` to the Auth Token.',
      );
    }
    return { algorithm: 'sha1' as HmacAlgorithm, secrets: keys.authTokens };
  }
  const named = /(?:^|,)\s*algorithm\s*=\s*([^,\s]*)/i.exec(settings)?.[1]?.toUpperCase() || 'HMAC_SHA1';
  const algorithm = ({ HMAC_SHA1: 'sha1', HMAC_SHA256: 'sha256' } as const)[named as 'HMAC_SHA1'];
  if (algorithm === undefined) {
    throw new WebhookError(
      'malformed_header',
      `The ${SETTINGS_HEADER} header names an unsupported algorithm.`,
    );
  }
  if (keys.sharedKeys.length === 0) {
    throw new WebhookError(
      'unauthorized',
      "This Twilio webhook is signed with a SharedKey (a Webhook Rule matched its URL). Set the `sharedKey` option to that key's secret.",
    );
  }
  return { algorithm, secrets: keys.sharedKeys };
}

/** The POST parameters as signed; GET webhooks and JSON bodies sign the URL alone. */
function signedParams(request: WebhookRequest, url: string): string {
  if (bodyHashParameter(url) !== null || request.method === 'GET') return '';
  if (request.body.length > 0 && contentType(request) !== 'application/x-www-form-urlencoded') {
    // Without bodySHA256, nothing but form parameters is covered by the signature.
    throw new WebhookError(
      'unsupported_content_type',
      'Twilio signs form-encoded POST bodies, or JSON bodies with a bodySHA256 query parameter; this request has neither.',
    );
  }
  return sortedParamString(parseFormBody(request));
}

export function bodyHashParameter(url: string): string | null {
  const query = url.indexOf('?');
  return query === -1 ? null : new URLSearchParams(url.slice(query + 1).split('#', 1)[0]).get('bodySHA256');
}

function checkBodyHash(request: WebhookRequest, url: string): void {
  const given = bodyHashParameter(url);
  if (given === null) return;
  const expected = createHash('sha256').update(request.body).digest();
  const decoded = decodeHex(given);
  if (!decoded || !timingSafeEqual(expected, decoded)) {
    throw new WebhookError(
      'signature_mismatch',
      'The request body does not match the bodySHA256 query parameter Twilio signed. Check that nothing changed the body before it was verified.',
    );
  }
}
