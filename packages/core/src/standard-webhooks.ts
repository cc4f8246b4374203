import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { timingSafeEqual } from './compare.js';
import {
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519RawPublicKey,
  ed25519Sign,
  ed25519Verify,
} from './ed25519.js';
import { decodeBase64 } from './encoding.js';
import { WebhookConfigError, WebhookError } from './errors.js';
import { hmac } from './hmac.js';
import { checkTimestamp, parseUnixSeconds } from './timestamp.js';

/** Standard Webhooks secrets are `whsec_` + base64 of 24–64 random bytes; bare base64 is accepted too. */
export function decodeStandardSecret(secret: string): Buffer {
  const key = decodeBase64(secret.startsWith('whsec_') ? secret.slice(6) : secret);
  if (!key || key.length === 0) {
    throw new WebhookConfigError(
      'A Standard Webhooks secret must be `whsec_` followed by base64 (or bare base64). Copy it whole from the sender.',
    );
  }
  return key;
}

/** A new `whsec_` secret of `bytes` random bytes (32 by default). */
export function generateStandardSecret(bytes = 32): string {
  return `whsec_${randomBytes(bytes).toString('base64')}`;
}

/** A new ed25519 key pair as `whsk_` (seed‖public, as Svix hands out) and `whpk_` keys. */
export function generateStandardKeyPair(): { signingKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const raw = ed25519RawPublicKey(publicKey);
  return {
    signingKey: `whsk_${Buffer.concat([seed, raw]).toString('base64')}`,
    publicKey: `whpk_${raw.toString('base64')}`,
  };
}

/** The public `whpk_` key matching a `whsk_` signing key. */
export function standardPublicKeyOf(signingKey: string): string {
  return `whpk_${ed25519RawPublicKey(createPublicKey(ed25519PrivateKey(signingKey))).toString('base64')}`;
}

function signedContent(id: string, timestampSeconds: number | string, body: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${timestampSeconds}.`), Buffer.from(body)]);
}

export interface StandardSignInput {
  id: string;
  /** Unix seconds. */
  timestamp: number;
  body: string | Uint8Array;
  /** `whsec_` secrets: one `v1` entry each (several during a rotation). */
  secrets?: readonly string[] | undefined;
  /** `whsk_` keys: one `v1a` entry each. */
  signingKeys?: readonly string[] | undefined;
}

/** The `webhook-signature` header value: space-separated `v1,<b64>` / `v1a,<b64>` entries. */
export function signStandardWebhook(input: StandardSignInput): string {
  if (/[.]/.test(input.id)) {
    throw new WebhookConfigError('A Standard Webhooks message id must not contain a "." character.');
  }
  const content = signedContent(input.id, input.timestamp, input.body);
  const entries: string[] = [];
  for (const secret of input.secrets ?? []) {
    entries.push(`v1,${hmac('sha256', decodeStandardSecret(secret), content).toString('base64')}`);
  }
  for (const key of input.signingKeys ?? []) {
    entries.push(`v1a,${ed25519Sign(ed25519PrivateKey(key), content).toString('base64')}`);
  }
  if (entries.length === 0)
    throw new WebhookConfigError('signStandardWebhook needs a secret or a signing key.');
  return entries.join(' ');
}

export interface StandardVerifyInput {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Uint8Array;
  /** Decoded HMAC keys (see `decodeStandardSecret`). */
  keys?: readonly Uint8Array[];
  /** ed25519 public keys. */
  publicKeys?: readonly KeyObject[];
  nowMs: number;
  toleranceSeconds: number;
  /** Header prefix for messages: `webhook` or `svix`. */
  headerPrefix?: string;
}

/** Verifies a Standard Webhooks message; returns the timestamp in milliseconds. */
export function verifyStandardWebhook(input: StandardVerifyInput): number {
  const prefix = input.headerPrefix ?? 'webhook';
  for (const [name, value] of [
    ['id', input.id],
    ['timestamp', input.timestamp],
    ['signature', input.signature],
  ] as const) {
    if (!value) {
      throw new WebhookError(
        'missing_header',
        `The ${prefix}-${name} header is missing. Standard Webhooks senders always send ${prefix}-id, ${prefix}-timestamp and ${prefix}-signature.`,
      );
    }
  }
  const timestampMs = parseUnixSeconds(input.timestamp!, `${prefix}-timestamp`);
  checkTimestamp({
    timestampMs,
    nowMs: input.nowMs,
    toleranceSeconds: input.toleranceSeconds,
    header: `${prefix}-timestamp`,
  });
  // The signed content is `id.timestamp.body`: HMAC it in parts (no copy of the body), once per
  // key however many v1 entries the header carries; ed25519 needs it in one buffer, built only
  // when a v1a entry is checked.
  const head = `${input.id}.${input.timestamp}.`;
  let macs: Buffer[] | undefined;
  let content: Buffer | undefined;
  let sawUsable = false;
  for (const entry of input.signature!.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma <= 0) continue;
    const version = entry.slice(0, comma);
    const signature = decodeBase64(entry.slice(comma + 1));
    if (!signature || signature.length === 0) continue;
    if (version === 'v1' && input.keys?.length) {
      sawUsable = true;
      macs ??= input.keys.map((key) => hmac('sha256', key, head, input.body));
      for (const mac of macs) if (timingSafeEqual(mac, signature)) return timestampMs;
    } else if (version === 'v1a' && input.publicKeys?.length) {
      sawUsable = true;
      content ??= signedContent(input.id!, input.timestamp!, input.body);
      for (const key of input.publicKeys) if (ed25519Verify(key, content, signature)) return timestampMs;
    }
  }
  if (!sawUsable) {
    throw new WebhookError(
      'malformed_signature',
      `The ${prefix}-signature header has no ${input.keys?.length ? 'v1' : 'v1a'} entry this receiver can check (expected space-separated "v1,<base64>" entries${input.publicKeys?.length ? ' or "v1a,<base64>"' : ''}).`,
    );
  }
  throw new WebhookError(
    'signature_mismatch',
    `The ${prefix}-signature header does not match the message. Check that the secret or public key configured here is the sender's, and that nothing changed the body before verification.`,
  );
}

export { ed25519PublicKey as standardPublicKey };
