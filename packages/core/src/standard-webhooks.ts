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
import { hmac, hmacBinary } from './hmac.js';
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

const NO_KEYS: readonly never[] = [];

function missingHeader(prefix: string, name: string): WebhookError {
  return new WebhookError(
    'missing_header',
    `The ${prefix}-${name} header is missing. Standard Webhooks senders always send ${prefix}-id, ${prefix}-timestamp and ${prefix}-signature.`,
  );
}

/**
 * The bytes of a signature entry when it is canonical base64 (what senders write), else
 * `undefined`. Node's decoder skips characters outside the alphabet, so the re-encoding check is
 * what rejects garbage; it is cheaper than a pattern over the text.
 */
function decodeEntry(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === text ? bytes : undefined;
}

// v1 signatures (HMAC-SHA256, 32 bytes) are compared in buffers reused from call to call:
// verification is synchronous, so calls cannot interleave, and two new Buffers per request cost a
// noticeable share of verifying a 1 KiB message.
const V1_BYTES = 32;
const expectedV1 = Buffer.alloc(V1_BYTES);
const receivedV1 = Buffer.alloc(V1_BYTES);

/**
 * Reads a v1 signature of the expected size into `receivedV1`: 43 base64 characters and one "="
 * make exactly 32 bytes, and Node's decoder skips characters outside the alphabet, so any such
 * character leaves fewer.
 */
function readV1(text: string): boolean {
  return (
    text.length === 44 &&
    text.charCodeAt(43) === 61 &&
    receivedV1.write(text, 0, V1_BYTES, 'base64') === V1_BYTES
  );
}

/** Whole seconds as senders write them (`1674087231`), without the general parser's trimming. */
function plainSeconds(text: string): number | undefined {
  if (text.length === 0 || text.length > 12) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  return Number(text) * 1000;
}

/** Verifies a Standard Webhooks message; returns the timestamp in milliseconds. */
export function verifyStandardWebhook(input: StandardVerifyInput): number {
  const prefix = input.headerPrefix ?? 'webhook';
  const { id, timestamp, signature, body } = input;
  if (!id) throw missingHeader(prefix, 'id');
  if (!timestamp) throw missingHeader(prefix, 'timestamp');
  if (!signature) throw missingHeader(prefix, 'signature');
  const timestampHeader = prefix === 'webhook' ? 'webhook-timestamp' : `${prefix}-timestamp`;
  const timestampMs = plainSeconds(timestamp) ?? parseUnixSeconds(timestamp, timestampHeader);
  checkTimestamp({
    timestampMs,
    nowMs: input.nowMs,
    toleranceSeconds: input.toleranceSeconds,
    header: timestampHeader,
  });
  const keys = input.keys ?? NO_KEYS;
  const publicKeys = input.publicKeys ?? NO_KEYS;
  // The signed content is `id.timestamp.body`: HMAC it in parts (no copy of the body), once per
  // key however many v1 entries the header carries; ed25519 needs it in one buffer, built only
  // when a v1a entry is checked.
  let macs: string[] | undefined;
  let content: Buffer | undefined;
  let sawUsable = false;
  for (let start = 0; start < signature.length; ) {
    const space = signature.indexOf(' ', start);
    const end = space === -1 ? signature.length : space;
    const entry = signature.slice(start, end);
    start = end + 1;
    if (entry.startsWith('v1,')) {
      if (keys.length === 0) continue;
      const text = entry.slice(3);
      if (!readV1(text)) {
        // Base64 of another length is a signature, just never this one.
        if (decodeEntry(text)) sawUsable = true;
        continue;
      }
      sawUsable = true;
      if (!macs) {
        const parts = [`${id}.${timestamp}.`, body];
        macs = [];
        for (const key of keys) macs.push(hmacBinary('sha256', key, parts));
      }
      for (const mac of macs) {
        expectedV1.write(mac, 0, V1_BYTES, 'latin1');
        if (timingSafeEqual(expectedV1, receivedV1)) return timestampMs;
      }
    } else if (entry.startsWith('v1a,')) {
      if (publicKeys.length === 0) continue;
      const received = decodeEntry(entry.slice(4));
      if (!received) continue;
      sawUsable = true;
      content ??= signedContent(id, timestamp, body);
      for (const key of publicKeys) if (ed25519Verify(key, content, received)) return timestampMs;
    }
  }
  if (!sawUsable) {
    throw new WebhookError(
      'malformed_signature',
      `The ${prefix}-signature header has no ${keys.length ? 'v1' : 'v1a'} entry this receiver can check (expected space-separated "v1,<base64>" entries${publicKeys.length ? ' or "v1a,<base64>"' : ''}).`,
    );
  }
  throw new WebhookError(
    'signature_mismatch',
    `The ${prefix}-signature header does not match the message. Check that the secret or public key configured here is the sender's, and that nothing changed the body before verification.`,
  );
}

export { ed25519PublicKey as standardPublicKey };
