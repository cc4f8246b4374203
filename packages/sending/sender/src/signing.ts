import { decodeStandardSecret, hmacBase64, signStandardWebhook } from '@hookwire/core';

/** Decoded `whsec_` keys by secret: a subscription's secret signs every one of its attempts. */
const keys = new Map<string, Buffer>();
/** Past this many secrets the cache starts again (it only saves decoding). */
const KEYS_KEPT = 4096;

function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (key === undefined) {
    key = decodeStandardSecret(secret);
    if (keys.size >= KEYS_KEPT) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/**
 * The `webhook-signature` value for `whsec_` secrets, as core's `signStandardWebhook` makes it
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret), with each key decoded once and
 * the signed content hashed in two parts rather than copied into one buffer per attempt. What core
 * refuses (no secret, an id with a dot) goes to core, which throws its own error.
 */
export function signStandardV1(
  id: string,
  timestamp: number,
  body: string,
  secrets: readonly string[],
): string {
  if (secrets.length === 0 || id.includes('.')) return signStandardWebhook({ id, timestamp, body, secrets });
  const prefix = `${id}.${timestamp}.`;
  let header = `v1,${hmacBase64('sha256', keyOf(secrets[0]!), prefix, body)}`;
  for (let i = 1; i < secrets.length; i++)
    header += ` v1,${hmacBase64('sha256', keyOf(secrets[i]!), prefix, body)}`;
  return header;
}
