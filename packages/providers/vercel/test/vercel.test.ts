import { createHmac } from 'node:crypto';
import { hmacHex } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf } from '@hookwire/core/testing';
import { vercel } from '@hookwire/vercel';
import { signVercelRequest } from '@hookwire/vercel/testing';
import { describe, expect, it } from 'vitest';

const secret = 'vercel-test-secret';
const body = JSON.stringify({
  id: 'evt_123',
  type: 'deployment.succeeded',
  createdAt: 1_700_000_000_000,
  payload: { deployment: { id: 'dpl_1', url: 'app.vercel.app', name: 'app' } },
});

describeReceiver({
  provider: 'vercel',
  create: vercel,
  sign: ({ secret, body: signedBody = body }) => signVercelRequest({ secret, body: signedBody }),
  event: { name: 'deployment.succeeded', id: 'evt_123' },
  signatureHeaders: ['X-Vercel-Signature'],
  malformedSignature: { value: 'not-hex' },
  deliveryId: true,
  malformedBodies: ['{"id":', '[]', '{"id":"x"}'],
});

describe('vercel receiver', () => {
  it('accepts a body signed with HMAC-SHA1 (hex) and names the event by its type', async () => {
    const signature = createHmac('sha1', secret).update(body).digest('hex');
    const request = { ...signVercelRequest({ secret, body }) };
    expect(request.headers['x-vercel-signature']).toBe(signature);
    const event = await eventOf(vercel({ secret }).receive(request));
    expect(event.name).toBe('deployment.succeeded');
    expect(event.id).toBe('evt_123');
    expect(event.provider).toBe('vercel');
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('rejects a SHA-256 signature (Vercel signs with SHA-1)', async () => {
    const request = signVercelRequest({ secret, body });
    const headers = { ...request.headers, 'x-vercel-signature': hmacHex('sha256', secret, body) };
    expect(await errorCodeOf(vercel({ secret }).receive({ ...request, headers }))).toBe('signature_mismatch');
  });

  it('rejects a prefixed or odd-length signature', async () => {
    const request = signVercelRequest({ secret, body });
    for (const value of ['sha1=abc', 'abc']) {
      const headers = { ...request.headers, 'x-vercel-signature': value };
      expect(await errorCodeOf(vercel({ secret }).receive({ ...request, headers }))).toBe(
        'malformed_signature',
      );
    }
  });

  it('refuses a bad secret at construction', () => {
    expect(() => vercel({ secret: ' padded ' })).toThrow(/whitespace/);
  });

  it('signs requests for handler tests', async () => {
    const receiver = vercel({ secret });
    const seen: string[] = [];
    receiver.on('deployment.error', (event) => {
      seen.push(`${event.name}:${event.payload.payload.deployment.id}`);
    });
    receiver.on('deployment.*', (event) => {
      seen.push(`wildcard:${event.name}`);
    });
    const request = signVercelRequest({
      secret,
      type: 'deployment.error',
      payload: { deployment: { id: 'dpl_9' } },
    });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(seen.sort()).toEqual(['deployment.error:dpl_9', 'wildcard:deployment.error']);
  });
});
