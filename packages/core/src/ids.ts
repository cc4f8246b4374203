const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: sorts like the numbers it encodes

let lastTime = -1;
const lastRandom = new Uint8Array(16);

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
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
    for (let i = 0; i < 16; i++) lastRandom[i] = bytes[i]! & 31;
    lastRandom[0]! &= 15; // room to increment without overflowing the width
  }
  let time = '';
  for (let t = Math.max(0, Math.floor(now)), i = 0; i < 10; i++, t = Math.floor(t / 32)) {
    time = ALPHABET[t % 32] + time;
  }
  let random = '';
  for (const digit of lastRandom) random += ALPHABET[digit];
  return `${prefix}_${time}${random}`;
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
