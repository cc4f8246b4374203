import { generateStandardSecret, signStandardWebhook, WebhookConfigError } from '@hookwire/core';
import { buildRequest, type StoredEvent, type Subscription } from '@hookwire/sender';
import { describe, expect, it } from 'vitest';

const event: StoredEvent = {
  id: 'msg_1',
  type: 'a.b',
  data: { note: 'é' },
  createdAt: Date.parse('2026-01-01T00:00:00.000Z'),
};

function subscription(secrets: readonly string[]): Subscription {
  return {
    id: 'sub_1',
    tenant: 'acme',
    url: 'https://a.example/hooks',
    events: ['*'],
    secrets: secrets.map((secret) => ({ secret, createdAt: 0 })),
    headers: {},
    metadata: {},
    format: 'standard',
    disabled: false,
    createdAt: 0,
    updatedAt: 0,
  };
}

function signatureOf(
  secrets: readonly string[],
  now: number,
  which: StoredEvent = event,
): string | undefined {
  return buildRequest({ event: which, subscription: subscription(secrets), attempt: 1, now, userAgent: 't' })
    .headers['webhook-signature'];
}

describe('the attempt signature (webhook-signature)', () => {
  const body = JSON.stringify({ type: 'a.b', timestamp: '2026-01-01T00:00:00.000Z', data: { note: 'é' } });

  it('signs exactly as core signStandardWebhook, for one secret, a rotation and a bare base64 secret', () => {
    const current = generateStandardSecret();
    const previous = generateStandardSecret();
    const bare = generateStandardSecret().slice('whsec_'.length);
    for (const secrets of [[current], [current, previous], [bare]]) {
      for (let round = 0; round < 2; round++) {
        // The second round signs with the keys decoded by the first.
        const timestamp = 1_767_225_600 + round;
        expect(signatureOf(secrets, timestamp * 1000)).toBe(
          signStandardWebhook({ id: 'msg_1', timestamp, body, secrets }),
        );
      }
    }
    expect(signatureOf([current, previous], 1000)?.split(' ')).toHaveLength(2);
  });

  it("refuses what core refuses, with core's error", () => {
    const secret = generateStandardSecret();
    expect(() => signatureOf([secret], 1000, { ...event, id: 'msg.1' })).toThrow(WebhookConfigError);
    expect(() => signatureOf([], 1000)).toThrow(/needs a secret/);
    expect(() => signatureOf(['whsec_'], 1000)).toThrow(/whsec_/);
  });
});
