import { createHmac } from 'node:crypto';
import { hmacHex } from '@hookwire/core';
import { webhookErrorOf, withBody } from '@hookwire/core/testing';
import { sentry } from '@hookwire/sentry';
import { signSentryRequest } from '@hookwire/sentry/testing';
import { describe, expect, it } from 'vitest';

const secret = 'sentry-client-secret';
// Python's json.dumps spacing: re-serialising with JSON.stringify would change these bytes.
const body =
  '{"action": "created", "installation": {"uuid": "a8e5d37a"}, "data": {"issue": {"id": "1", "title": "TypeError", "project": {"id": "2", "name": "web", "slug": "web"}}}, "actor": {"type": "application", "id": "sentry", "name": "Sentry"}}';

const signed = (overrides: Partial<Parameters<typeof signSentryRequest>[0]> = {}) =>
  signSentryRequest({
    secret,
    resource: 'issue',
    body,
    requestId: 'req-1',
    timestamp: 1_700_000_000,
    ...overrides,
  });

describe('sentry receiver', () => {
  it('verifies the raw bytes and names the event <resource>.<action>', async () => {
    const request = signed();
    expect(request.headers['sentry-hook-signature']).toBe(
      createHmac('sha256', secret).update(body).digest('hex'),
    );
    const result = await sentry({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('issue.created');
    expect(result.event.id).toBe('req-1');
    expect(result.event.meta).toEqual({ resource: 'issue', timestamp: 1_700_000_000 });
    expect(result.event.payload).toEqual(JSON.parse(body));
  });

  it('rejects a tampered body and a wrong secret without leaking either', async () => {
    const request = signed();
    const tampered = withBody(request, body.replace('TypeError', 'Nothing'));
    expect((await webhookErrorOf(sentry({ secret }).receive(tampered))).code).toBe('signature_mismatch');
    const response = await sentry({ secret }).handle(signed({ secret: 'wrong' }));
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain(hmacHex('sha256', secret, body));
    expect(String(response.body)).not.toContain(secret);
  });

  it('takes the resource from its (unsigned) header, as Sentry sends it', async () => {
    // The resource header is not signed; the name follows it, so handlers see what Sentry sent.
    const request = signed();
    const headers = { ...request.headers, 'sentry-hook-resource': 'installation' };
    const result = await sentry({ secret }).receive({ ...request, headers });
    expect(result.type === 'event' && result.event.name).toBe('installation.created');
  });

  it('accepts any secret of a rotation', async () => {
    expect((await sentry({ secret: ['old', secret] }).receive(signed())).type).toBe('event');
  });

  it('requires the signature and resource headers, each once', async () => {
    const request = signed();
    for (const name of ['sentry-hook-signature', 'sentry-hook-resource']) {
      const { [name]: _, ...headers } = request.headers;
      expect((await webhookErrorOf(sentry({ secret }).receive({ ...request, headers }))).code).toBe(
        'missing_header',
      );
    }
    const signature = request.headers['sentry-hook-signature'] as string;
    const headers = { ...request.headers, 'sentry-hook-signature': [signature, signature] };
    expect((await webhookErrorOf(sentry({ secret }).receive({ ...request, headers }))).code).toBe(
      'duplicate_header',
    );
  });

  it('rejects a malformed signature', async () => {
    const request = signed();
    const headers = { ...request.headers, 'sentry-hook-signature': 'sha256=zz' };
    expect((await webhookErrorOf(sentry({ secret }).receive({ ...request, headers }))).code).toBe(
      'malformed_signature',
    );
  });

  it('reports a signed body without an action', async () => {
    for (const bad of ['{', '{"data":{}}', '"created"']) {
      expect((await webhookErrorOf(sentry({ secret }).receive(signed({ body: bad })))).code).toBe(
        'malformed_body',
      );
    }
  });

  it('treats installation webhooks as events and signs requests for handler tests', async () => {
    const receiver = sentry({ secret });
    const seen: string[] = [];
    receiver.on('installation.created', (event) => {
      seen.push(event.payload.data.installation.organization.slug);
    });
    const request = signSentryRequest({
      secret,
      resource: 'installation',
      action: 'created',
      data: {
        installation: {
          uuid: 'u',
          status: 'installed',
          app: { uuid: 'a', slug: 'app' },
          organization: { slug: 'acme' },
        },
      },
    });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(seen).toEqual(['acme']);
  });
});
