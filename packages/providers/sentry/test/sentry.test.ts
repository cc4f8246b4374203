import { createHmac } from 'node:crypto';
import { describeReceiver, eventOf, signerWith } from '@hookwire/core/testing';
import { sentry } from '@hookwire/sentry';
import { signSentryRequest } from '@hookwire/sentry/testing';
import { describe, expect, it } from 'vitest';

const secret = 'sentry-client-secret';
// Python's json.dumps spacing: re-serialising with JSON.stringify would change these bytes.
const body =
  '{"action": "created", "installation": {"uuid": "a8e5d37a"}, "data": {"issue": {"id": "1", "title": "TypeError", "project": {"id": "2", "name": "web", "slug": "web"}}}, "actor": {"type": "application", "id": "sentry", "name": "Sentry"}}';

const signed = signerWith(signSentryRequest, {
  secret,
  resource: 'issue',
  body,
  requestId: 'req-1',
  timestamp: 1_700_000_000,
});

describeReceiver({
  provider: 'sentry',
  create: sentry,
  sign: ({ secret, body }) => signed({ secret, body }),
  event: { name: 'issue.created', id: 'req-1' },
  signatureHeaders: ['Sentry-Hook-Signature', 'Sentry-Hook-Resource'],
  malformedSignature: { value: 'sha256=zz' },
  deliveryId: true,
  malformedBodies: ['{', '{"data":{}}', '"created"'],
});

describe('sentry receiver', () => {
  it('verifies the raw bytes and names the event <resource>.<action>', async () => {
    const request = signed();
    expect(request.headers['sentry-hook-signature']).toBe(
      createHmac('sha256', secret).update(body).digest('hex'),
    );
    const event = await eventOf(sentry({ secret }).receive(request));
    expect(event.name).toBe('issue.created');
    expect(event.id).toBe('req-1');
    expect(event.meta).toEqual({ resource: 'issue', timestamp: 1_700_000_000 });
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('takes the resource from its (unsigned) header, as Sentry sends it', async () => {
    // The resource header is not signed; the name follows it, so handlers see what Sentry sent.
    const request = signed();
    const headers = { ...request.headers, 'sentry-hook-resource': 'installation' };
    const result = await sentry({ secret }).receive({ ...request, headers });
    expect(result.type === 'event' && result.event.name).toBe('installation.created');
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
