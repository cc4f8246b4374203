import type { KeyObject } from 'node:crypto';
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
import { hmacBase64, hmacBinary } from './hmac.js';
import { trackVerification } from './pending-verifications.js';
import { NodeBuffer, nodeCrypto, requireNodeCrypto } from './runtime.js';
import { checkTimestamp, parseUnixSeconds } from './timestamp.js';
import { bytesToBase64, concatBytes, webHmac } from './web-crypto.js';

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

// Decoded keys by secret text, for signing: one secret signs many messages, so it is decoded once
// (and on the Web Crypto path the same bytes find the imported key web-crypto.ts keeps for them).
// Only this module reads the cache and nothing in it is ever logged or returned; past the bound,
// which only a caller making up secrets per message reaches, it starts again.
const signingKeys = new Map<string, Buffer>();
const SIGNING_KEYS_KEPT = 4096;

function signingKeyOf(secret: string): Buffer {
  let key = signingKeys.get(secret);
  if (key === undefined) {
    key = decodeStandardSecret(secret);
    if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.clear();
    signingKeys.set(secret, key);
  }
  return key;
}

/** A new `whsec_` secret of `bytes` random bytes (32 by default). */
export function generateStandardSecret(bytes = 32): string {
  return `whsec_${bytesToBase64(crypto.getRandomValues(new Uint8Array(bytes)))}`;
}

/** A new ed25519 key pair as `whsk_` (seed‖public, as Svix hands out) and `whpk_` keys. */
export function generateStandardKeyPair(): { signingKey: string; publicKey: string } {
  const { generateKeyPairSync } = requireNodeCrypto('generateStandardKeyPair()');
  const Buffer = NodeBuffer!;
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
  const { createPublicKey } = requireNodeCrypto('standardPublicKeyOf()');
  return `whpk_${ed25519RawPublicKey(createPublicKey(ed25519PrivateKey(signingKey))).toString('base64')}`;
}

function signedContent(id: string, timestampSeconds: number | string, body: string | Uint8Array): Buffer {
  const Buffer = NodeBuffer!;
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

function checkSignInput(input: StandardSignInput): void {
  if (input.id.includes('.')) {
    throw new WebhookConfigError('A Standard Webhooks message id must not contain a "." character.');
  }
  if (!input.secrets?.length && !input.signingKeys?.length)
    throw new WebhookConfigError('signStandardWebhook needs a secret or a signing key.');
}

/**
 * The `webhook-signature` header value: space-separated `v1,<b64>` / `v1a,<b64>` entries.
 * Synchronous, so Node, Deno and Bun; `signStandardWebhookAsync` works on every runtime.
 */
export function signStandardWebhook(input: StandardSignInput): string {
  requireNodeCrypto('signStandardWebhook()', 'signStandardWebhookAsync()');
  checkSignInput(input);
  // HMACs take the content in two parts; only ed25519 needs it copied into one buffer.
  const prefix = `${input.id}.${input.timestamp}.`;
  const entries: string[] = [];
  for (const secret of input.secrets ?? []) {
    entries.push(`v1,${hmacBase64('sha256', signingKeyOf(secret), prefix, input.body)}`);
  }
  if (input.signingKeys?.length) {
    const content = signedContent(input.id, input.timestamp, input.body);
    for (const key of input.signingKeys) {
      entries.push(`v1a,${ed25519Sign(ed25519PrivateKey(key), content).toString('base64')}`);
    }
  }
  return entries.join(' ');
}

/**
 * `signStandardWebhook` on any runtime: node:crypto where present, else Web Crypto (v1 entries;
 * `v1a` signing keys need node:crypto).
 */
export async function signStandardWebhookAsync(input: StandardSignInput): Promise<string> {
  if (nodeCrypto) return signStandardWebhook(input);
  checkSignInput(input);
  if (input.signingKeys?.length) requireNodeCrypto('Signing with a whsk_ key (v1a)');
  const content = concatBytes([`${input.id}.${input.timestamp}.`, input.body]);
  const entries: string[] = [];
  for (const secret of input.secrets ?? []) {
    entries.push(`v1,${bytesToBase64(await webHmac('sha256', signingKeyOf(secret), [content]))}`);
  }
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
  const bytes = NodeBuffer!.from(text, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === text ? bytes : undefined;
}

// v1 signatures (HMAC-SHA256, 32 bytes) are compared in buffers reused from call to call:
// verification is synchronous, so calls cannot interleave, and two new Buffers per request cost a
// noticeable share of verifying a 1 KiB message.
const V1_BYTES = 32;
const expectedV1 = NodeBuffer?.alloc(V1_BYTES) as Buffer;
const receivedV1 = NodeBuffer?.alloc(V1_BYTES) as Buffer;

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

/**
 * Verifies a Standard Webhooks message; returns the timestamp in milliseconds. Synchronous on
 * Node, Deno and Bun; where only Web Crypto exists it returns a promise (v1 entries only: v1a
 * public keys need node:crypto), so return or await what it returns.
 */
export function verifyStandardWebhook(input: StandardVerifyInput): number | Promise<number> {
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
  if (!nodeCrypto) return trackVerification(verifyV1Web(input, signature, keys, prefix, timestampMs));
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
  throw standardFailure(sawUsable, prefix, keys.length > 0, publicKeys.length > 0);
}

function standardFailure(
  sawUsable: boolean,
  prefix: string,
  hasKeys: boolean,
  hasPublicKeys: boolean,
): WebhookError {
  if (!sawUsable) {
    return new WebhookError(
      'malformed_signature',
      `The ${prefix}-signature header has no ${hasKeys ? 'v1' : 'v1a'} entry this receiver can check (expected space-separated "v1,<base64>" entries${hasPublicKeys ? ' or "v1a,<base64>"' : ''}).`,
    );
  }
  return new WebhookError(
    'signature_mismatch',
    `The ${prefix}-signature header does not match the message. Check that the secret or public key configured here is the sender's, and that nothing changed the body before verification.`,
  );
}

const CANONICAL_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The Web Crypto path: v1 entries only (ed25519 keys cannot be loaded without node:crypto). */
async function verifyV1Web(
  input: StandardVerifyInput,
  signature: string,
  keys: readonly Uint8Array[],
  prefix: string,
  timestampMs: number,
): Promise<number> {
  const received: Uint8Array[] = [];
  for (const entry of signature.split(' ')) {
    if (!entry.startsWith('v1,') || keys.length === 0) continue;
    const text = entry.slice(3);
    const bytes = CANONICAL_BASE64.test(text) && text.length % 4 === 0 ? decodeBase64(text) : undefined;
    if (bytes && bytes.length > 0) received.push(bytes);
  }
  if (received.length > 0) {
    const content = concatBytes([`${input.id}.${input.timestamp}.`, input.body]);
    for (const key of keys) {
      const expected = await webHmac('sha256', key, [content]);
      for (const candidate of received) if (timingSafeEqual(expected, candidate)) return timestampMs;
    }
  }
  throw standardFailure(
    received.length > 0,
    prefix,
    keys.length > 0,
    (input.publicKeys ?? NO_KEYS).length > 0,
  );
}

export { ed25519PublicKey as standardPublicKey };
