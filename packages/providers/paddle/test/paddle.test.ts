import { createHmac } from 'node:crypto';
import type { WebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf } from '@hookwire/core/testing';
import { paddle } from '@hookwire/paddle';
import { signPaddleRequest } from '@hookwire/paddle/testing';
import { NodeRuntime, Webhooks } from '@paddle/paddle-node-sdk';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const secret = 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI';
const now = 1_700_000_000_000;
const ts = now / 1000;
const completed = {
  event_id: 'evt_01hv8x29kz0t586xy6zn1a62ny',
  event_type: 'transaction.completed',
  occurred_at: '2024-04-12T10:18:49.621022Z',
  notification_id: 'ntf_01hv8x2a2m6ktczb2xxyg5cbxf',
  data: { id: 'txn_01hv8wptq8987qeep44cyrewp9', status: 'completed', currency_code: 'USD' },
};

function receiver(options: Partial<Parameters<typeof paddle>[0]> = {}) {
  return paddle({ secret, now: () => now, ...options });
}

function withSignature(request: WebhookRequest, value: string | string[] | undefined) {
  return { ...request, headers: { ...request.headers, 'paddle-signature': value } };
}

describeReceiver({
  provider: 'paddle',
  create: paddle,
  sign: ({ secret, timestamp }) => signPaddleRequest({ secret, payload: completed, timestamp }),
  secrets: [secret, 'pdl_ntfset_new'],
  event: { name: 'transaction.completed', id: 'evt_01hv8x29kz0t586xy6zn1a62ny' },
  signatureHeaders: ['Paddle-Signature'],
  malformedSignature: { value: 'h1=00' },
  timestamp: { tolerance: 5 },
  deliveryId: true,
});

describe('paddle receiver', () => {
  beforeAll(() => {
    NodeRuntime.initialize();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('verifies HMAC-SHA256 of ts:body and agrees with the official SDK', async () => {
    const body = JSON.stringify(completed);
    const h1 = createHmac('sha256', secret).update(`${ts}:${body}`).digest('hex');
    const request = signPaddleRequest({ secret, body, timestamp: ts });
    expect(request.headers['paddle-signature']).toBe(`ts=${ts};h1=${h1}`);
    vi.useFakeTimers();
    vi.setSystemTime(now + 2000);
    expect(await new Webhooks().isSignatureValid(body, secret, `ts=${ts};h1=${h1}`)).toBe(true);
    expect(await new Webhooks().isSignatureValid(`${body} `, secret, `ts=${ts};h1=${h1}`)).toBe(false);
    vi.useRealTimers();
    const event = await eventOf(receiver({ now: () => now + 2000 }).receive(request));
    expect(event.name).toBe('transaction.completed');
    expect(event.id).toBe('evt_01hv8x29kz0t586xy6zn1a62ny');
    expect(event.meta).toEqual({
      notificationId: 'ntf_01hv8x2a2m6ktczb2xxyg5cbxf',
      occurredAt: completed.occurred_at,
    });
    expect(event.payload).toEqual(completed);
  });

  it('accepts any of several h1 values, as Paddle sends during a secret rotation', async () => {
    const request = signPaddleRequest({
      secret: ['pdl_ntfset_new', secret],
      payload: completed,
      timestamp: ts,
    });
    expect(String(request.headers['paddle-signature']).match(/h1=/g)).toHaveLength(2);
    expect((await receiver().receive(request)).type).toBe('event');
    expect((await receiver({ secret: 'pdl_ntfset_new' }).receive(request)).type).toBe('event');
    expect((await receiver({ secret: ['pdl_ntfset_other', secret] }).receive(request)).type).toBe('event');
  });

  it('honours a configured window', async () => {
    const sign = (offset: number) =>
      signPaddleRequest({ secret, payload: completed, timestamp: ts + offset });
    expect((await receiver({ tolerance: 60 }).receive(sign(-59))).type).toBe('event');
  });

  it('rejects a changed ts (it is signed)', async () => {
    const request = signPaddleRequest({ secret, payload: completed, timestamp: ts });
    const header = String(request.headers['paddle-signature']);
    const shifted = withSignature(request, header.replace(`ts=${ts}`, `ts=${ts - 1}`));
    expect(await errorCodeOf(receiver().receive(shifted))).toBe('signature_mismatch');
  });

  it('requires one ts and a hex h1 in the signature header', async () => {
    const request = signPaddleRequest({ secret, payload: completed, timestamp: ts });
    const header = String(request.headers['paddle-signature']);
    const h1 = header.split(';')[1] as string;
    const cases: [string | string[] | undefined, string][] = [
      [h1, 'malformed_signature'],
      [`ts=${ts}`, 'malformed_signature'],
      [`ts=${ts};ts=${ts};${h1}`, 'malformed_signature'],
      [`ts=${ts};h1=not-hex`, 'malformed_signature'],
      [`ts=soon;${h1}`, 'malformed_header'],
    ];
    for (const [value, code] of cases) {
      expect(await errorCodeOf(receiver().receive(withSignature(request, value)))).toBe(code);
    }
    // Unknown keys are ignored, as Paddle may add schemes.
    expect((await receiver().receive(withSignature(request, `${header};h2=abc`))).type).toBe('event');
  });

  it('routes typed handlers and reports a body without event_type', async () => {
    const ids: string[] = [];
    const r = receiver();
    r.on(['transaction.completed', 'transaction.paid'], (event) => {
      ids.push(event.payload.data.id);
    });
    r.on('transaction.*', (event) => {
      ids.push(event.name);
    });
    expect((await r.handle(signPaddleRequest({ secret, payload: completed, timestamp: ts }))).status).toBe(
      200,
    );
    expect(ids.sort()).toEqual(['transaction.completed', 'txn_01hv8wptq8987qeep44cyrewp9']);
    const bad = signPaddleRequest({ secret, payload: { data: {} }, timestamp: ts });
    expect(await errorCodeOf(receiver().receive(bad))).toBe('malformed_body');
    expect(() => paddle({ secret: '' })).toThrow(/empty/);
  });
});
