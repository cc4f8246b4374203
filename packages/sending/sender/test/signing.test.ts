import { generateStandardSecret, signStandardWebhook, WebhookConfigError } from '@hookwire/core';
import { describe, expect, it } from 'vitest';
import { signStandardV1 } from '../src/signing.js';

describe('signStandardV1 (the attempt signer)', () => {
  const body = JSON.stringify({ type: 'a.b', timestamp: '2026-01-01T00:00:00.000Z', data: { note: 'é' } });

  it('signs exactly as core signStandardWebhook, for one secret, a rotation and a bare base64 secret', () => {
    const current = generateStandardSecret();
    const previous = generateStandardSecret();
    const bare = generateStandardSecret().slice('whsec_'.length);
    for (const secrets of [[current], [current, previous], [bare]]) {
      for (let round = 0; round < 2; round++) {
        // The second round signs with the keys decoded by the first.
        expect(signStandardV1('msg_1', 1_767_225_600 + round, body, secrets)).toBe(
          signStandardWebhook({ id: 'msg_1', timestamp: 1_767_225_600 + round, body, secrets }),
        );
      }
    }
    expect(signStandardV1('msg_1', 1, body, [current, previous]).split(' ')).toHaveLength(2);
  });

  it("refuses what core refuses, with core's error", () => {
    const secret = generateStandardSecret();
    expect(() => signStandardV1('msg.1', 1, body, [secret])).toThrow(WebhookConfigError);
    expect(() => signStandardV1('msg_1', 1, body, [])).toThrow(/needs a secret/);
    expect(() => signStandardV1('msg_1', 1, body, ['whsec_'])).toThrow(/whsec_/);
  });
});
