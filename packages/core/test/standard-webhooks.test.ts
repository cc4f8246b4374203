import { createHmac } from 'node:crypto';
import {
  decodeStandardSecret,
  ed25519PublicKey,
  generateStandardKeyPair,
  generateStandardSecret,
  signStandardWebhook,
  standardPublicKeyOf,
  verifyStandardWebhook,
} from '@hookwire/core';
import { describe, expect, it } from 'vitest';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = 1614265330;
const body = '{"test": 2432232314}';

function verify(overrides: Partial<Parameters<typeof verifyStandardWebhook>[0]> = {}) {
  return verifyStandardWebhook({
    id,
    timestamp: String(timestamp),
    signature: signStandardWebhook({ id, timestamp, body, secrets: [secret] }),
    body: Buffer.from(body),
    keys: [decodeStandardSecret(secret)],
    nowMs: timestamp * 1000,
    toleranceSeconds: 300,
    ...overrides,
  });
}

describe('Standard Webhooks', () => {
  it('reproduces the signature of the official libraries’ test vector', () => {
    // The vector shared by the standard-webhooks and svix library test suites.
    expect(signStandardWebhook({ id, timestamp, body, secrets: [secret] })).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies and returns the timestamp in milliseconds', () => {
    expect(verify()).toBe(timestamp * 1000);
  });

  it('accepts bare base64 secrets', () => {
    expect(decodeStandardSecret(secret.slice(6)).equals(decodeStandardSecret(secret))).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, and stale or future timestamps', () => {
    expect(() => verify({ body: Buffer.from(`${body} `) })).toThrow(
      expect.objectContaining({ code: 'signature_mismatch' }),
    );
    expect(() => verify({ keys: [decodeStandardSecret(generateStandardSecret())] })).toThrow(
      expect.objectContaining({ code: 'signature_mismatch' }),
    );
    expect(() => verify({ nowMs: (timestamp + 301) * 1000 })).toThrow(
      expect.objectContaining({ code: 'timestamp_too_old' }),
    );
    expect(() => verify({ nowMs: (timestamp - 301) * 1000 })).toThrow(
      expect.objectContaining({ code: 'timestamp_in_future' }),
    );
  });

  it('reports missing headers and malformed values', () => {
    expect(() => verify({ id: undefined })).toThrow(expect.objectContaining({ code: 'missing_header' }));
    expect(() => verify({ signature: '' })).toThrow(expect.objectContaining({ code: 'missing_header' }));
    expect(() => verify({ timestamp: 'soon' })).toThrow(
      expect.objectContaining({ code: 'malformed_header' }),
    );
    expect(() => verify({ signature: 'v1,' })).toThrow(
      expect.objectContaining({ code: 'malformed_signature' }),
    );
    expect(() => verify({ signature: 'v2,abcd' })).toThrow(
      expect.objectContaining({ code: 'malformed_signature' }),
    );
  });

  it('accepts any entry of a multi-signature header (rotation)', () => {
    const other = generateStandardSecret();
    const signature = signStandardWebhook({ id, timestamp, body, secrets: [other, secret] });
    expect(signature.split(' ')).toHaveLength(2);
    expect(verify({ signature })).toBe(timestamp * 1000);
  });

  it('signs and verifies v1a (ed25519) with whsk_/whpk_ keys, skipping v1 entries', () => {
    const { signingKey, publicKey } = generateStandardKeyPair();
    expect(standardPublicKeyOf(signingKey)).toBe(publicKey);
    const signature = signStandardWebhook({
      id,
      timestamp,
      body,
      secrets: [secret],
      signingKeys: [signingKey],
    });
    expect(verify({ signature, keys: [], publicKeys: [ed25519PublicKey(publicKey)] })).toBe(timestamp * 1000);
    const stranger = generateStandardKeyPair();
    expect(() => verify({ signature, keys: [], publicKeys: [ed25519PublicKey(stranger.publicKey)] })).toThrow(
      expect.objectContaining({ code: 'signature_mismatch' }),
    );
  });

  it('generates 32-byte whsec_ secrets', () => {
    const generated = generateStandardSecret();
    expect(generated).toMatch(/^whsec_/);
    expect(decodeStandardSecret(generated)).toHaveLength(32);
  });

  it('signs each secret with its own key when signing again (keys decoded once are kept per secret)', () => {
    const other = generateStandardSecret();
    const expected = (key: string, at: number) =>
      `v1,${createHmac('sha256', decodeStandardSecret(key)).update(`${id}.${at}.${body}`).digest('base64')}`;
    for (let round = 0; round < 2; round++) {
      expect(signStandardWebhook({ id, timestamp: timestamp + round, body, secrets: [secret, other] })).toBe(
        `${expected(secret, timestamp + round)} ${expected(other, timestamp + round)}`,
      );
      expect(signStandardWebhook({ id, timestamp, body: Buffer.from(body), secrets: [other] })).toBe(
        expected(other, timestamp),
      );
    }
    for (let round = 0; round < 2; round++) {
      expect(() => signStandardWebhook({ id, timestamp, body, secrets: ['whsec_!!'] })).toThrow(/whsec_/);
    }
  });

  it('refuses message ids containing a dot', () => {
    expect(() => signStandardWebhook({ id: 'a.b', timestamp, body, secrets: [secret] })).toThrow(/"\."/);
  });
});
