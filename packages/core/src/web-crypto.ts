// The Web Crypto path: HMAC through `crypto.subtle`, bytes as Uint8Array, no Buffer anywhere.
// (Only a type comes from node:crypto: the project's TypeScript lib has no DOM types.)
import type { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
export type WebHmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

const HASH: Record<WebHmacAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };
const encoder = new TextEncoder();

// importKey costs about as much as the HMAC itself; keys come from configuration, so caching them
// per secret keeps this small (string secrets by value, byte keys by identity).
const stringKeys = new Map<string, Promise<CryptoKey>>();
const byteKeys = new WeakMap<Uint8Array, Map<WebHmacAlgorithm, Promise<CryptoKey>>>();

function importHmacKey(algorithm: WebHmacAlgorithm, bytes: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    bytes as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: HASH[algorithm] },
    false,
    ['sign'],
  );
}

function keyFor(algorithm: WebHmacAlgorithm, key: string | Uint8Array): Promise<CryptoKey> {
  if (typeof key === 'string') {
    const id = `${algorithm}:${key}`;
    let cached = stringKeys.get(id);
    if (!cached) {
      cached = importHmacKey(algorithm, encoder.encode(key));
      if (stringKeys.size < 256) stringKeys.set(id, cached);
    }
    return cached;
  }
  let perAlgorithm = byteKeys.get(key);
  if (!perAlgorithm) {
    perAlgorithm = new Map();
    byteKeys.set(key, perAlgorithm);
  }
  let cached = perAlgorithm.get(algorithm);
  if (!cached) {
    cached = importHmacKey(algorithm, key);
    perAlgorithm.set(algorithm, cached);
  }
  return cached;
}

/** The concatenation of `parts` as one byte array (Web Crypto signs one buffer). */
export function concatBytes(parts: readonly (string | Uint8Array)[]): Uint8Array {
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0]!;
  const chunks = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const out = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** HMAC of the concatenation of `parts` with Web Crypto. */
export async function webHmac(
  algorithm: WebHmacAlgorithm,
  key: string | Uint8Array,
  parts: readonly (string | Uint8Array)[],
): Promise<Uint8Array> {
  const signed = await crypto.subtle.sign(
    'HMAC',
    await keyFor(algorithm, key),
    concatBytes(parts) as Uint8Array<ArrayBuffer>,
  );
  return new Uint8Array(signed);
}

/** Constant-time equality without node:crypto: every byte is visited whatever differs. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) {
    let sink = 0;
    for (let i = 0; i < a.byteLength; i++) sink |= a[i]! ^ a[i]!;
    return sink !== 0;
  }
  let difference = 0;
  for (let i = 0; i < a.byteLength; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

const HEX_DIGITS = '0123456789abcdef';

export function bytesToHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  return text;
}

/** Hex to bytes; the caller has checked the text is hex of whole bytes. */
export function hexToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64 (standard or URL-safe, padding optional) to bytes; the caller has checked the alphabet. */
export function base64ToBytes(text: string): Uint8Array {
  let standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  standard += '='.repeat((4 - (standard.length % 4)) % 4);
  const binary = atob(standard);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
