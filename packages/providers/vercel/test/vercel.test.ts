import { createHmac } from 'node:crypto';
import { hmacHex } from '@hookwire/core';
import { webhookErrorOf, withBody } from '@hookwire/core/testing';
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

describe('vercel receiver', () => {
  it('accepts a body signed with HMAC-SHA1 (hex) and names the event by its type', async () => {
    const signature = createHmac('sha1', secret).update(body).digest('hex');
    const request = { ...signVercelRequest({ secret, body }) };
    expect(request.headers['x-vercel-signature']).toBe(signature);
    const result = await vercel({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('deployment.succeeded');
    expect(result.event.id).toBe('evt_123');
    expect(result.event.provider).toBe('vercel');
    expect(result.event.payload).toEqual(JSON.parse(body));
  });

  it('rejects a tampered body', async () => {
    const request = signVercelRequest({ secret, body });
    const error = await webhookErrorOf(
      vercel({ secret }).receive(withBody(request, body.replace('dpl_1', 'dpl_2'))),
    );
    expect(error.code).toBe('signature_mismatch');
    expect(error.status).toBe(401);
  });

  it('rejects the wrong secret, and the response never contains the secret or the expected signature', async () => {
    const response = await vercel({ secret }).handle(signVercelRequest({ secret: 'other', body }));
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain(hmacHex('sha1', secret, body));
    expect(String(response.body)).not.toContain(secret);
  });

  it('rejects a SHA-256 signature (Vercel signs with SHA-1)', async () => {
    const request = signVercelRequest({ secret, body });
    const headers = { ...request.headers, 'x-vercel-signature': hmacHex('sha256', secret, body) };
    expect((await webhookErrorOf(vercel({ secret }).receive({ ...request, headers }))).code).toBe(
      'signature_mismatch',
    );
  });

  it('accepts any secret of a rotation', async () => {
    const result = await vercel({ secret: ['new', secret] }).receive(signVercelRequest({ secret, body }));
    expect(result.type).toBe('event');
  });

  it('requires the signature header, once', async () => {
    const request = signVercelRequest({ secret, body });
    const { 'x-vercel-signature': signature, ...headers } = request.headers;
    expect((await webhookErrorOf(vercel({ secret }).receive({ ...request, headers }))).code).toBe(
      'missing_header',
    );
    const twice = { ...headers, 'x-vercel-signature': [signature as string, signature as string] };
    expect((await webhookErrorOf(vercel({ secret }).receive({ ...request, headers: twice }))).code).toBe(
      'duplicate_header',
    );
  });

  it('rejects a malformed signature', async () => {
    const request = signVercelRequest({ secret, body });
    for (const value of ['not-hex', 'sha1=abc', 'abc']) {
      const headers = { ...request.headers, 'x-vercel-signature': value };
      expect((await webhookErrorOf(vercel({ secret }).receive({ ...request, headers }))).code).toBe(
        'malformed_signature',
      );
    }
  });

  it('reports a signed body that is not a Vercel event', async () => {
    for (const bad of ['{"id":', '[]', '{"id":"x"}']) {
      const error = await webhookErrorOf(
        vercel({ secret }).receive(signVercelRequest({ secret, body: bad })),
      );
      expect(error.code).toBe('malformed_body');
    }
  });

  it('answers 405 to other methods and refuses a bad secret at construction', async () => {
    const request = { ...signVercelRequest({ secret, body }), method: 'GET' };
    expect((await vercel({ secret }).handle(request)).status).toBe(405);
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
