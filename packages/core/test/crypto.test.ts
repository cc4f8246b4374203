import {
  decodeBase64,
  decodeHex,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519RawPublicKey,
  ed25519Sign,
  ed25519Verify,
  hmacBase64,
  hmacHex,
  timingSafeEqual,
  verifyHmac,
  WebhookError,
} from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('timingSafeEqual', () => {
  it('compares bytes and strings, including unequal lengths', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(timingSafeEqual('', '')).toBe(true);
  });
});

describe('decoding', () => {
  it('decodes hex strictly', () => {
    expect(decodeHex('00ff')?.toString('hex')).toBe('00ff');
    expect(decodeHex('0')).toBeUndefined();
    expect(decodeHex('zz')).toBeUndefined();
  });
  it('decodes standard and url-safe base64 strictly', () => {
    expect(decodeBase64('aGk=')?.toString()).toBe('hi');
    expect(decodeBase64('-_8')?.toString('hex')).toBe('fbff');
    expect(decodeBase64('a')).toBeUndefined();
    expect(decodeBase64('a b')).toBeUndefined();
  });
});

describe('hmac', () => {
  it('computes SHA-1, SHA-256 and SHA-512 in hex and base64 (RFC 4231 case 2)', () => {
    const data = 'what do ya want for nothing?';
    expect(hmacHex('sha256', 'Jefe', data)).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hmacHex('sha512', 'Jefe', data)).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
    expect(hmacHex('sha1', 'Jefe', data)).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(hmacBase64('sha256', 'Jefe', 'what do ya ', 'want for nothing?')).toBe(
      Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex').toString(
        'base64',
      ),
    );
  });

  const base = {
    algorithm: 'sha256' as const,
    parts: ['body'],
    encoding: 'hex' as const,
    header: 'X-Sig',
    provider: 'Test',
  };

  it('accepts any signature under any secret', () => {
    const signature = hmacHex('sha256', 'new', 'body');
    expect(() =>
      verifyHmac({ ...base, secrets: ['old', 'new'], signatures: ['00', signature] }),
    ).not.toThrow();
  });

  it('rejects a mismatch with a message that leaks neither secret nor expected signature', () => {
    const expected = hmacHex('sha256', 'topsecret', 'body');
    try {
      verifyHmac({ ...base, secrets: ['topsecret'], signatures: hmacHex('sha256', 'other', 'body') });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookError);
      expect((error as WebhookError).code).toBe('signature_mismatch');
      expect((error as WebhookError).status).toBe(401);
      expect((error as Error).message).not.toContain('topsecret');
      expect((error as Error).message).not.toContain(expected);
    }
  });

  it('calls an undecodable signature malformed', () => {
    expect(() => verifyHmac({ ...base, secrets: ['s'], signatures: 'not-hex' })).toThrow(
      expect.objectContaining({ code: 'malformed_signature', status: 400 }),
    );
  });

  it('rejects a truncated signature (no prefix match)', () => {
    const signature = hmacHex('sha256', 's', 'body');
    expect(() => verifyHmac({ ...base, secrets: ['s'], signatures: signature.slice(0, 20) })).toThrow(
      expect.objectContaining({ code: 'signature_mismatch' }),
    );
  });
});

describe('ed25519', () => {
  // RFC 8032 test 1: empty message.
  const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
  const publicHex = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
  const signatureHex =
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

  it('signs and verifies the RFC 8032 vector from raw, hex, base64 and PEM keys', () => {
    const privateKey = ed25519PrivateKey(Buffer.from(seed, 'hex'));
    expect(ed25519Sign(privateKey, '').toString('hex')).toBe(signatureHex);
    const fromHex = ed25519PublicKey(publicHex);
    expect(ed25519RawPublicKey(fromHex).toString('hex')).toBe(publicHex);
    const fromBase64 = ed25519PublicKey(Buffer.from(publicHex, 'hex').toString('base64'));
    const fromPem = ed25519PublicKey(fromHex.export({ format: 'pem', type: 'spki' }) as string);
    for (const key of [fromHex, fromBase64, fromPem]) {
      expect(ed25519Verify(key, '', Buffer.from(signatureHex, 'hex'))).toBe(true);
      expect(ed25519Verify(key, 'x', Buffer.from(signatureHex, 'hex'))).toBe(false);
    }
  });

  it('rejects keys of the wrong size with a clear message', () => {
    expect(() => ed25519PublicKey('abcd')).toThrow(/32 bytes/);
    expect(() => ed25519PrivateKey('abcd')).toThrow(/seed/);
  });

  it('returns false for a signature of the wrong length', () => {
    expect(ed25519Verify(ed25519PublicKey(publicHex), '', new Uint8Array(10))).toBe(false);
  });
});
