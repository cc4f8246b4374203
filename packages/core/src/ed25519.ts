import type { KeyObject } from 'node:crypto';
import { decodeBase64, decodeHex } from './encoding.js';
import { WebhookConfigError } from './errors.js';
import { NodeBuffer, requireNodeCrypto } from './runtime.js';
import { hexToBytes } from './web-crypto.js';

// ed25519 goes through node:crypto's synchronous KeyObjects, so it needs Node, Deno or Bun; on
// runtimes with only Web Crypto these functions throw a WebhookConfigError saying so.

// DER prefixes that turn a raw 32-byte ed25519 key into SPKI / PKCS#8, which node:crypto loads.
const SPKI_PREFIX = hexToBytes('302a300506032b6570032100');
const PKCS8_PREFIX = hexToBytes('302e020100300506032b657004220420');

/** Loads an ed25519 public key from raw bytes, hex, base64, PEM or a `whpk_` key. Node, Deno and Bun. */
export function ed25519PublicKey(input: string | Uint8Array | KeyObject): KeyObject {
  const { createPublicKey, KeyObject } = requireNodeCrypto('An ed25519 public key');
  const Buffer = NodeBuffer!;
  if (input instanceof KeyObject) return input;
  if (typeof input === 'string' && input.includes('-----BEGIN')) return createPublicKey(input);
  const raw =
    typeof input === 'string' ? decodeKeyText(input.replace(/^whpk_/, '')) : Buffer.from(input as Uint8Array);
  if (raw?.length !== 32) {
    throw new WebhookConfigError(
      'An ed25519 public key must be 32 bytes, given as hex, base64, PEM or a `whpk_` key.',
    );
  }
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Loads an ed25519 private key from a 32-byte seed (or seed‖public key, 64 bytes), PEM or `whsk_`. */
export function ed25519PrivateKey(input: string | Uint8Array | KeyObject): KeyObject {
  const { createPrivateKey, KeyObject } = requireNodeCrypto('An ed25519 signing key');
  const Buffer = NodeBuffer!;
  if (input instanceof KeyObject) return input;
  if (typeof input === 'string' && input.includes('-----BEGIN')) return createPrivateKey(input);
  const raw =
    typeof input === 'string' ? decodeKeyText(input.replace(/^whsk_/, '')) : Buffer.from(input as Uint8Array);
  if (!raw || (raw.length !== 32 && raw.length !== 64)) {
    throw new WebhookConfigError(
      'An ed25519 signing key must be a 32-byte seed (or seed and public key, 64 bytes), as hex, base64, PEM or a `whsk_` key.',
    );
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, raw.subarray(0, 32)]),
    format: 'der',
    type: 'pkcs8',
  });
}

function decodeKeyText(text: string): Buffer | undefined {
  return text.length === 64 || text.length === 128 ? decodeHex(text) : decodeBase64(text);
}

export function ed25519Verify(key: KeyObject, message: Uint8Array | string, signature: Uint8Array): boolean {
  const { verify } = requireNodeCrypto('ed25519Verify()');
  if (signature.length !== 64) return false;
  return verify(null, typeof message === 'string' ? NodeBuffer!.from(message) : message, key, signature);
}

export function ed25519Sign(key: KeyObject, message: Uint8Array | string): Buffer {
  const { sign } = requireNodeCrypto('ed25519Sign()');
  return sign(null, typeof message === 'string' ? NodeBuffer!.from(message) : message, key);
}

/** The raw 32 bytes of an ed25519 public key. */
export function ed25519RawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}
