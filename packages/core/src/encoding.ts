import { NodeBuffer } from './runtime.js';
import { base64ToBytes, hexToBytes } from './web-crypto.js';

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

// The decoders return a Buffer on Node (callers there may use its methods) and a plain Uint8Array
// on runtimes without Buffer; the declared type stays Buffer for the Node callers.

/** Strict hex decode: `undefined` when the text is not hex of whole bytes. */
export function decodeHex(text: string): Buffer | undefined {
  if (!HEX.test(text)) return undefined;
  return NodeBuffer ? NodeBuffer.from(text, 'hex') : (hexToBytes(text) as Buffer);
}

/** Strict base64 decode (standard or URL-safe alphabet): `undefined` when the text is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text) || text.length % 4 === 1) return undefined;
  if (!NodeBuffer) return base64ToBytes(text) as Buffer;
  return NodeBuffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
}

export type SignatureEncoding = 'hex' | 'base64';

export function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | undefined {
  return encoding === 'hex' ? decodeHex(text) : decodeBase64(text);
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string; bytes are passed through. */
export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value;
}
