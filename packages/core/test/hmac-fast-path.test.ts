import { createHmac } from 'node:crypto';
import { type HmacAlgorithm, hmac, hmacBase64, hmacHex, verifyHmac, WebhookError } from '@hookwire/core';
import { describe, expect, it } from 'vitest';

// verifyHmac compares hex signatures in reused buffers and builds MACs from binary digests; these
// pin that it still behaves exactly like a plain decode-and-compare.
const body = Buffer.from('{"a":1}');
const check = (
  algorithm: HmacAlgorithm,
  signatures: string | string[],
  secrets: (string | Uint8Array)[] = ['s'],
) =>
  verifyHmac({
    algorithm,
    secrets,
    parts: ['t.', body],
    signatures,
    encoding: 'hex',
    header: 'X-Sig',
    provider: 'Test',
  });
const codeOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookError);
    return (error as WebhookError).code;
  }
  return 'accepted';
};

describe('HMAC helpers', () => {
  it('agree with node:crypto for every algorithm and key type', () => {
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      for (const key of ['s', Buffer.from([0, 255, 7]), 'k'.repeat(200)]) {
        const reference = createHmac(algorithm, key).update('t.').update(body).digest();
        expect(hmac(algorithm, key, 't.', body).equals(reference)).toBe(true);
        expect(hmacHex(algorithm, key, 't.', body)).toBe(reference.toString('hex'));
        expect(hmacBase64(algorithm, key, 't.', body)).toBe(reference.toString('base64'));
      }
    }
  });
});

describe('verifyHmac with hex signatures', () => {
  it('accepts the right digest for each algorithm, in either case and with surrounding spaces', () => {
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      const hex = hmacHex(algorithm, 's', 't.', body);
      expect(codeOf(() => check(algorithm, hex))).toBe('accepted');
      expect(codeOf(() => check(algorithm, ` ${hex.toUpperCase()} `))).toBe('accepted');
    }
  });

  it('finds a match among several signatures and several secrets, in any order', () => {
    const right = hmacHex('sha256', 'new', 't.', body);
    const other = hmacHex('sha256', 'other', 't.', body);
    expect(codeOf(() => check('sha256', [other, 'zz', right], ['old', Buffer.from('new')]))).toBe('accepted');
    expect(codeOf(() => check('sha256', [right, other], ['new', 'old']))).toBe('accepted');
    expect(codeOf(() => check('sha256', [other], ['old', 'new']))).toBe('signature_mismatch');
  });

  it('treats hex of the wrong length as a mismatch and non-hex as malformed', () => {
    const hex = hmacHex('sha256', 's', 't.', body);
    expect(codeOf(() => check('sha256', hex.slice(0, 62)))).toBe('signature_mismatch');
    expect(codeOf(() => check('sha256', `${hex}00`))).toBe('signature_mismatch');
    expect(codeOf(() => check('sha256', hmacHex('sha1', 's', 't.', body)))).toBe('signature_mismatch');
    expect(codeOf(() => check('sha256', `${hex.slice(0, 63)}g`))).toBe('malformed_signature');
    expect(codeOf(() => check('sha256', ['', 'xyz', hex.slice(1)]))).toBe('malformed_signature');
    expect(codeOf(() => check('sha256', []))).toBe('malformed_signature');
  });

  it('does not let one call see the digest of an earlier one', () => {
    const first = hmacHex('sha256', 'a', 't.', body);
    expect(codeOf(() => check('sha256', first, ['a']))).toBe('accepted');
    expect(codeOf(() => check('sha256', first, ['b']))).toBe('signature_mismatch');
    expect(codeOf(() => check('sha256', '0'.repeat(64), ['a']))).toBe('signature_mismatch');
  });
});
