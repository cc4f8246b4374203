import { createHmac } from 'node:crypto';
import { timingSafeEqual } from './compare.js';
import { decodeSignature, type SignatureEncoding } from './encoding.js';
import { WebhookError } from './errors.js';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type Key = string | Uint8Array;

/** HMAC of the concatenation of `parts` (no separator is added). */
export function hmac(algorithm: HmacAlgorithm, key: Key, ...parts: (string | Uint8Array)[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

export function hmacHex(algorithm: HmacAlgorithm, key: Key, ...parts: (string | Uint8Array)[]): string {
  return hmac(algorithm, key, ...parts).toString('hex');
}

export function hmacBase64(algorithm: HmacAlgorithm, key: Key, ...parts: (string | Uint8Array)[]): string {
  return hmac(algorithm, key, ...parts).toString('base64');
}

export interface VerifyHmacOptions {
  algorithm: HmacAlgorithm;
  /** Every secret currently accepted (several during a rotation). */
  secrets: readonly Key[];
  /** Signed content, concatenated in order. */
  parts: readonly (string | Uint8Array)[];
  /** The signature(s) as received, without any `sha256=` style prefix. */
  signatures: string | readonly string[];
  encoding: SignatureEncoding;
  /** Header name, for the error message. */
  header: string;
  /** Provider display name, for the error message. */
  provider: string;
}

/**
 * Accepts when any received signature equals the HMAC under any secret. Comparison is on decoded
 * bytes in constant time. Throws `malformed_signature` when no signature decodes and
 * `signature_mismatch` when none matches.
 */
export function verifyHmac(options: VerifyHmacOptions): void {
  const received = (typeof options.signatures === 'string' ? [options.signatures] : options.signatures)
    .map((text) => decodeSignature(text.trim(), options.encoding))
    .filter((bytes): bytes is Buffer => bytes !== undefined && bytes.length > 0);
  if (received.length === 0) {
    throw new WebhookError(
      'malformed_signature',
      `The ${options.header} header is not a ${options.encoding} signature. Check that the request comes from ${options.provider}.`,
    );
  }
  for (const secret of options.secrets) {
    const expected = hmac(options.algorithm, secret, ...options.parts);
    for (const candidate of received) if (timingSafeEqual(expected, candidate)) return;
  }
  throw signatureMismatch(options.header, options.provider);
}

export function signatureMismatch(header: string, provider: string): WebhookError {
  return new WebhookError(
    'signature_mismatch',
    `The ${header} signature does not match the request body. Check that the secret configured here is the one set at ${provider}, and that nothing (a JSON body parser, a proxy) changed the body before it was verified.`,
  );
}
