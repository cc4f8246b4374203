import { createHmac } from 'node:crypto';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { ZENDESK_TEST_SIGNING_SECRET, zendesk } from '@hookwire/zendesk';
import { signZendeskRequest } from '@hookwire/zendesk/testing';
import { describe, expect, it } from 'vitest';

const secret = 'Vq3Zr8YwF0ZQGm2sKc9xwq6u5Tn1pLr4Hj7bD0eA2s=';
const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
const timestamp = '2025-06-15T12:00:00Z';
const now = () => Date.parse(timestamp) + 2000;
const ticketCreated = {
  type: 'zen:event-type:ticket.created',
  account_id: 1234567,
  id: 'cbe4028c-7239-495d-b020-f22348516046',
  time: '2025-06-15T11:59:59.590Z',
  zendesk_event_version: '2022-11-06',
  subject: 'zen:ticket:5158',
  detail: { id: '5158', subject: 'Printer on fire', status: 'NEW', tags: [] },
  event: {},
};

const signed = (input: Partial<Parameters<typeof signZendeskRequest>[0]>) =>
  signZendeskRequest({ secret, timestamp, payload: ticketCreated, ...input });

describeReceiver<string>({
  provider: 'zendesk',
  variant: 'signing secret',
  create: zendesk,
  sign: ({ secret, timestamp, method, body }) =>
    signZendeskRequest({
      secret,
      method,
      payload: ticketCreated,
      invocationId: 'inv-1',
      timestamp: new Date(timestamp * 1000).toISOString(),
      ...(body === undefined ? {} : { body }),
    }),
  event: { name: 'zen:event-type:ticket.created', id: 'inv-1' },
  signatureHeaders: ['X-Zendesk-Webhook-Signature', 'X-Zendesk-Webhook-Signature-Timestamp'],
  malformedSignature: { value: 'not base64!' },
  timestamp: { tolerance: 300 },
  methods: ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'],
  deliveryId: true,
  malformedBodies: ['{"type":'],
});

describeReceiver({
  provider: 'zendesk',
  variant: 'code',
  create: ({ secret, ...options }) => zendesk({ code: secret, ...options }),
  sign: ({ secret, method }) =>
    createWebhookRequest({
      method,
      url: `https://example.com/zendesk?code=${secret}`,
      body: '{"ticket":"1"}',
      headers: { 'content-type': 'application/json' },
    }),
  credential: 'code',
  event: { name: 'trigger' },
  methods: ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'],
});

describe('zendesk receiver', () => {
  it('verifies a request signed with the static test secret, used verbatim (not base64-decoded)', async () => {
    // Independently computed: base64(HMAC-SHA256(key = the secret text, timestamp ‖ body)).
    const body = '{"event":"ticket.updated","id":123}';
    const request = createWebhookRequest({
      body,
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature-timestamp': '2021-03-25T05:09:27Z',
        'x-zendesk-webhook-signature': 'S/RDdU2ERmj7LHDDoWJ2onPYH+t7/f2+LTM4dL7UiLM=',
      },
    });
    const receiver = zendesk({
      secret: ZENDESK_TEST_SIGNING_SECRET,
      now: () => Date.parse('2021-03-25T05:09:30Z'),
    });
    const result = await receiver.receive(request);
    expect(result.type === 'event' && result.event.name).toBe('trigger');
    const decodedKey = Buffer.from(ZENDESK_TEST_SIGNING_SECRET, 'base64').toString();
    expect(decodedKey).toBe('this_secret_is_for_testing_only');
    const wrongKey = createHmac('sha256', decodedKey).update(`2021-03-25T05:09:27Z${body}`).digest('base64');
    const decoded = withHeaders(request, { 'x-zendesk-webhook-signature': wrongKey });
    expect(await errorCodeOf(receiver.receive(decoded))).toBe('signature_mismatch');
  });

  it('names event subscriptions by type, with the invocation id as the id', async () => {
    const request = signed({ invocationId: 'inv-1', webhookId: '01HWEBHOOK' });
    const event = await eventOf(zendesk({ secret, now }).receive(request));
    expect(event.name).toBe('zen:event-type:ticket.created');
    expect(event.id).toBe('inv-1');
    expect(event.payload).toEqual(ticketCreated);
    expect(event.meta).toEqual({ kind: 'event', webhookId: '01HWEBHOOK', accountId: '1234567' });
  });

  it('falls back to the event id, and matches ticket events with a wildcard', async () => {
    const request = withHeaders(signed({}), { 'x-zendesk-webhook-invocation-id': undefined });
    const receiver = zendesk({ secret, now });
    const subjects: string[] = [];
    receiver.on('zen:event-type:ticket.*', (event) => {
      subjects.push(event.id ?? '');
    });
    await receiver.handle(request);
    expect(subjects).toEqual([ticketCreated.id]);
  });

  it('names trigger webhooks by triggerEvent: a default, a name or a function', async () => {
    const body = { ticket_id: '5158', action: 'escalate' };
    expect(await nameOf(zendesk({ secret, now }), signed({ payload: body }))).toBe('trigger');
    expect(
      await nameOf(zendesk({ secret, now, triggerEvent: 'escalation' }), signed({ payload: body })),
    ).toBe('escalation');
    const byField = zendesk({ secret, now, triggerEvent: (payload) => (payload as typeof body).action });
    expect(await nameOf(byField, signed({ payload: body }))).toBe('escalate');
  });

  it('reads form and XML trigger bodies, and signs empty bodies of GET and DELETE', async () => {
    const receiver = zendesk({ secret, now });
    const form = await receiver.receive(
      signed({ body: 'ticket_id=5158&status=open', contentType: 'application/x-www-form-urlencoded' }),
    );
    expect(form.type === 'event' && form.event.payload).toEqual({ ticket_id: '5158', status: 'open' });
    const xml = await receiver.receive(
      signed({ body: '<ticket id="5158"/>', contentType: 'application/xml' }),
    );
    expect(xml.type === 'event' && xml.event.payload).toBe('<ticket id="5158"/>');
    for (const method of ['GET', 'DELETE']) {
      const result = await receiver.receive(signed({ method, body: '' }));
      expect(result.type === 'event' && result.event.payload).toBeUndefined();
    }
  });

  it('rejects a moved timestamp (it is signed)', async () => {
    const request = signed({});
    const moved = withHeaders(request, { 'x-zendesk-webhook-signature-timestamp': '2025-06-15T12:00:01Z' });
    expect(await errorCodeOf(zendesk({ secret, now }).receive(moved))).toBe('signature_mismatch');
  });

  it('accepts the static test secret, and honours tolerance', async () => {
    const receiver = zendesk({ secret: [secret, ZENDESK_TEST_SIGNING_SECRET], now });
    expect((await receiver.receive(signed({ secret: ZENDESK_TEST_SIGNING_SECRET }))).type).toBe('event');
    const stale = signed({ timestamp: '2025-06-15T11:54:00Z' });
    expect((await zendesk({ secret, now, tolerance: 600 }).receive(stale)).type).toBe('event');
  });

  it('accepts fractional seconds and offsets, and rejects timestamps that are not ISO 8601', async () => {
    expect(
      (await zendesk({ secret, now }).receive(signed({ timestamp: '2025-06-15T12:00:00.123Z' }))).type,
    ).toBe('event');
    expect(
      (await zendesk({ secret, now }).receive(signed({ timestamp: '2025-06-15T14:00:00+02:00' }))).type,
    ).toBe('event');
    for (const value of ['1749988800', 'Sun, 15 Jun 2025 12:00:00 GMT', '2025-06-15']) {
      const error = await webhookErrorOf(zendesk({ secret, now }).receive(signed({ timestamp: value })));
      expect(error.code).toBe('malformed_header');
    }
  });

  it('requires the signature too when both code and secret are set', async () => {
    const request = createWebhookRequest({
      url: `https://example.com/zendesk?code=${code}`,
      body: '{"ticket":"1"}',
      headers: { 'content-type': 'application/json' },
    });
    const both = zendesk({ code, secret, now });
    expect(await errorCodeOf(both.receive(request))).toBe('missing_header');
  });

  it('refuses empty configuration', () => {
    expect(() => zendesk({})).toThrow(/secret.*code/);
  });
});

async function nameOf(
  receiver: ReturnType<typeof zendesk>,
  request: WebhookRequest,
): Promise<string | undefined> {
  const result = await receiver.receive(request);
  return result.type === 'event' ? result.event.name : undefined;
}
