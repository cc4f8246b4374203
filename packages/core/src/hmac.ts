import type { KeyObject } from 'node:crypto';
import { timingSafeEqual } from './compare.js';
import { decodeSignature, type SignatureEncoding } from './encoding.js';
import { WebhookError } from './errors.js';
import { trackVerification } from './pending-verifications.js';
import { NodeBuffer, nodeCrypto, requireNodeCrypto } from './runtime.js';
import { webHmac } from './web-crypto.js';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type Key = string | Uint8Array;

/**
 * HMAC of the concatenation of `parts` (no separator is added). Synchronous, so Node, Deno and Bun
 * only; `hmacAsync` works on every runtime.
 */
export function hmac(algorithm: HmacAlgorithm, key: Key, ...parts: (string | Uint8Array)[]): Buffer {
  requireNodeCrypto('hmac()', 'hmacAsync()');
  return hmacOf(algorithm, key, parts);
}

export function hmacHex(algorithm: HmacAlgorithm, key: Key, ...parts: (string | Uint8Array)[]): string {
  requireNodeCrypto('hmacHex()', 'hmacAsync()');
  return digest(algorithm, key, parts, 'hex');
}

export function hmacBase64(algorithm: HmacAlgorithm, key: Key, ...parts: (string | Uint8Array)[]): string {
  requireNodeCrypto('hmacBase64()', 'hmacAsync()');
  return digest(algorithm, key, parts, 'base64');
}

/** HMAC of the concatenation of `parts` on any runtime: node:crypto where present, else Web Crypto. */
export async function hmacAsync(
  algorithm: HmacAlgorithm,
  key: Key,
  ...parts: (string | Uint8Array)[]
): Promise<Uint8Array> {
  return nodeCrypto ? hmacOf(algorithm, key, parts) : webHmac(algorithm, key, parts);
}

// createHmac turns a string key into bytes on every call; a KeyObject made once per secret makes
// the HMAC of a 1 KiB body about 10% cheaper. Secrets come from configuration, so this stays
// small; the bound only guards against a caller making up keys per request.
const stringKeys = new Map<string, KeyObject>();

function keyFor(key: Key): Key | KeyObject {
  if (typeof key !== 'string') return key;
  let object = stringKeys.get(key);
  if (object === undefined) {
    object = nodeCrypto!.createSecretKey(NodeBuffer!.from(key, 'utf8'));
    if (stringKeys.size < 256) stringKeys.set(key, object);
  }
  return object;
}

function digest(
  algorithm: HmacAlgorithm,
  key: Key,
  parts: readonly (string | Uint8Array)[],
  encoding: 'hex' | 'base64' | 'binary',
): string {
  const mac = nodeCrypto!.createHmac(algorithm, keyFor(key));
  for (const part of parts) mac.update(part);
  return mac.digest(encoding);
}

/** The HMAC as a binary (latin1) string: the cheapest form to copy into a reused buffer. */
export function hmacBinary(
  algorithm: HmacAlgorithm,
  key: Key,
  parts: readonly (string | Uint8Array)[],
): string {
  requireNodeCrypto('hmacBinary()');
  return digest(algorithm, key, parts, 'binary');
}

// `digest()` without an encoding gives each MAC its own new ArrayBuffer, which costs more than the
// HMAC of a 1 KiB body; a binary (latin1) string turned into a Buffer comes from Node's shared pool.
function hmacOf(algorithm: HmacAlgorithm, key: Key, parts: readonly (string | Uint8Array)[]): Buffer {
  return NodeBuffer!.from(digest(algorithm, key, parts, 'binary'), 'binary');
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
 * `signature_mismatch` when none matches. Synchronous on Node, Deno and Bun (returns nothing);
 * where only Web Crypto exists it returns a promise that rejects with the same errors, so return
 * or await what it returns.
 */
export function verifyHmac(options: VerifyHmacOptions): void | Promise<void> {
  if (!nodeCrypto) return trackVerification(verifyHmacWeb(options));
  const texts = typeof options.signatures === 'string' ? [options.signatures] : options.signatures;
  const matched = options.encoding === 'hex' ? matchHex(options, texts) : matchDecoded(options, texts);
  if (matched) return;
  throw signatureMismatch(options.header, options.provider);
}

const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

// Hex signatures (most providers) are compared in buffers reused from call to call: verification
// is synchronous, so calls cannot interleave, and a new Buffer for each MAC and each received
// signature costs about as much as the HMAC of a 1 KiB body.
const scratch = new Map<HmacAlgorithm, { expected: Buffer; received: Buffer }>();

function scratchFor(algorithm: HmacAlgorithm): { expected: Buffer; received: Buffer } {
  let buffers = scratch.get(algorithm);
  if (!buffers) {
    const size = DIGEST_BYTES[algorithm];
    buffers = { expected: NodeBuffer!.alloc(size), received: NodeBuffer!.alloc(size) };
    scratch.set(algorithm, buffers);
  }
  return buffers;
}

function matchHex(options: VerifyHmacOptions, texts: readonly string[]): boolean {
  const size = DIGEST_BYTES[options.algorithm];
  const { expected, received } = scratchFor(options.algorithm);
  // Node's hex decoder stops at the first character that is not hex, so a full write (two
  // characters per byte) means the text is hex; hex of another length can never match.
  const readsAsDigest = (text: string) =>
    text.length === size * 2 && received.write(text, 0, size, 'hex') === size;
  if (texts.length === 1) {
    // The usual case: decode the one signature once, whatever the number of secrets.
    const text = texts[0]!.trim();
    if (!readsAsDigest(text)) {
      if (isHex(text)) return false;
      throw notASignature(options);
    }
    for (const secret of options.secrets) {
      expected.write(digest(options.algorithm, secret, options.parts, 'binary'), 0, size, 'latin1');
      if (timingSafeEqual(expected, received)) return true;
    }
    return false;
  }
  if (!texts.some((text) => readsAsDigest(text.trim()) || isHex(text.trim()))) throw notASignature(options);
  for (const secret of options.secrets) {
    expected.write(digest(options.algorithm, secret, options.parts, 'binary'), 0, size, 'latin1');
    for (const text of texts)
      if (readsAsDigest(text.trim()) && timingSafeEqual(expected, received)) return true;
  }
  return false;
}

function isHex(text: string): boolean {
  const bytes = NodeBuffer!.from(text, 'hex');
  return bytes.length > 0 && bytes.length * 2 === text.length;
}

function matchDecoded(options: VerifyHmacOptions, texts: readonly string[]): boolean {
  const received: Buffer[] = [];
  for (const text of texts) {
    const bytes = decodeSignature(text.trim(), options.encoding);
    if (bytes !== undefined && bytes.length > 0) received.push(bytes);
  }
  if (received.length === 0) throw notASignature(options);
  for (const secret of options.secrets) {
    const expected = hmacOf(options.algorithm, secret, options.parts);
    for (const candidate of received) if (timingSafeEqual(expected, candidate)) return true;
  }
  return false;
}

async function verifyHmacWeb(options: VerifyHmacOptions): Promise<void> {
  const texts = typeof options.signatures === 'string' ? [options.signatures] : options.signatures;
  const received: Uint8Array[] = [];
  for (const text of texts) {
    const bytes = decodeSignature(text.trim(), options.encoding);
    if (bytes !== undefined && bytes.length > 0) received.push(bytes);
  }
  if (received.length === 0) throw notASignature(options);
  for (const secret of options.secrets) {
    const expected = await webHmac(options.algorithm, secret, options.parts);
    for (const candidate of received) if (timingSafeEqual(expected, candidate)) return;
  }
  throw signatureMismatch(options.header, options.provider);
}

function notASignature(options: VerifyHmacOptions): WebhookError {
  return new WebhookError(
    'malformed_signature',
    `The ${options.header} header is not a ${options.encoding} signature. Check that the request comes from ${options.provider}.`,
  );
}

export function signatureMismatch(header: string, provider: string): WebhookError {
  return new WebhookError(
    'signature_mismatch',
    `The ${header} signature does not match the request body. Check that the secret configured here is the one set at ${provider}, and that nothing (a JSON body parser, a proxy) changed the body before it was verified.`,
  );
}
