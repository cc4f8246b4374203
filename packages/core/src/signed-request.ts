import type { SignatureEncoding } from './encoding.js';
import { type HmacAlgorithm, hmacBase64, hmacHex } from './hmac.js';
import { createWebhookRequest } from './request.js';
import type { WebhookRequest } from './types.js';

/** What every test signer takes: the secret, and optionally the exact body and the URL. */
export interface SignerInput {
  secret: string;
  /** The exact body bytes, instead of the fields the signer builds one from. */
  body?: string | Uint8Array;
  /** Default `https://example.com/webhooks`. */
  url?: string;
}

export interface HmacSigning {
  /** The header that carries the signature (`x-vercel-signature`). */
  header: string;
  /** Default `sha256`. */
  algorithm?: HmacAlgorithm;
  /** Default `hex`. */
  encoding?: SignatureEncoding;
  /** Written before the digest (`sha256=`). */
  prefix?: string;
  /** What to serialise as JSON when the input has no `body` (default `{}`). */
  payload?: unknown;
  /** Headers besides the signature; `content-type` is `application/json` unless given here. */
  headers?: Record<string, string>;
}

/**
 * A test request signed the way most providers sign: an HMAC of the raw body in one header. The
 * providers' `testing` signers build their payload and headers and leave the signing to this.
 */
export function createHmacSignedRequest(input: SignerInput, signing: HmacSigning): WebhookRequest {
  const body = input.body ?? JSON.stringify(signing.payload ?? {});
  const encode = signing.encoding === 'base64' ? hmacBase64 : hmacHex;
  const signature = `${signing.prefix ?? ''}${encode(signing.algorithm ?? 'sha256', input.secret, body)}`;
  return createWebhookRequest({
    url: input.url,
    body,
    headers: { 'content-type': 'application/json', ...signing.headers, [signing.header]: signature },
  });
}
