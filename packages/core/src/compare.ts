import { timingSafeEqual as nodeTimingSafeEqual } from 'node:crypto';
import { toBytes } from './encoding.js';

/**
 * Constant-time equality of two byte strings. Unequal lengths return false without an early
 * exit on content (the length of a signature is public; its bytes are not).
 */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const left = toBytes(a);
  const right = toBytes(b);
  if (left.byteLength !== right.byteLength) {
    nodeTimingSafeEqual(left, left);
    return false;
  }
  return nodeTimingSafeEqual(left, right);
}
