import { toBytes } from './encoding.js';
import { nodeCrypto } from './runtime.js';
import { constantTimeEqual } from './web-crypto.js';

const equalBytes = nodeCrypto?.timingSafeEqual ?? constantTimeEqual;

/**
 * Constant-time equality of two byte strings. Unequal lengths return false without an early
 * exit on content (the length of a signature is public; its bytes are not).
 */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const left = toBytes(a);
  const right = toBytes(b);
  if (left.byteLength !== right.byteLength) {
    equalBytes(left, left);
    return false;
  }
  return equalBytes(left, right);
}
