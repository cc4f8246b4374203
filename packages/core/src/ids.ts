const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: sorts like the numbers it encodes
const DIGIT_CODES = Array.from(ALPHABET, (digit) => digit.charCodeAt(0));
const UNDERSCORE = 0x5f;
const TIME_DIGITS = 10;
const RANDOM_DIGITS = 16;

let lastTime = -1;
const lastRandom = new Uint8Array(RANDOM_DIGITS);

/**
 * A time-ordered id (`sub_01J…`): the prefix, 10 base32 digits of milliseconds, then 16 random
 * digits, incremented within one millisecond so that ids made by one process sort in creation
 * order (lists that page by id then page in creation order too). Web Crypto's random values, so it
 * runs on every runtime.
 */
export function timeOrderedId(prefix: string, now: number): string {
  if (now === lastTime) {
    let i = lastRandom.length - 1;
    while (i >= 0 && lastRandom[i] === 31) lastRandom[i--] = 0;
    if (i >= 0) lastRandom[i]! += 1;
  } else {
    lastTime = now;
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(RANDOM_DIGITS));
    for (let i = 0; i < RANDOM_DIGITS; i++) lastRandom[i] = bytes[i]! & 31;
    lastRandom[0]! &= 15; // room to increment without overflowing the width
  }
  // One String.fromCharCode over every character code gives a flat string: concatenation gives a
  // tree of string pieces that stays until something reads it, and lengthens every scavenge while
  // many ids are held (a fan-out's thousands of delivery ids).
  const codes = new Array<number>(prefix.length + 1 + TIME_DIGITS + RANDOM_DIGITS);
  let at = 0;
  for (; at < prefix.length; at++) codes[at] = prefix.charCodeAt(at);
  codes[at++] = UNDERSCORE;
  for (let t = Math.max(0, Math.floor(now)), i = TIME_DIGITS - 1; i >= 0; i--, t = Math.floor(t / 32)) {
    codes[at + i] = DIGIT_CODES[t % 32]!;
  }
  at += TIME_DIGITS;
  for (let i = 0; i < RANDOM_DIGITS; i++) codes[at + i] = DIGIT_CODES[lastRandom[i]!]!;
  return String.fromCharCode.apply(null, codes);
}

// Made on first use, not at import: Workers refuse random values in a module's global scope.
let leasePrefix: string | undefined;
let leaseCounter = 0;

/** A lease token: unique per claim (not a secret, so a counter behind a random prefix will do). */
export function leaseToken(): string {
  leasePrefix ??= Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  leaseCounter = (leaseCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${leasePrefix}.${leaseCounter.toString(36)}`;
}
