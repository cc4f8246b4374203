import { clerk } from '@hookwire/clerk';
import { signClerkRequest } from '@hookwire/clerk/testing';
import {
  createWebhookRequest,
  generateStandardSecret,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = 1_654_012_591;
const at = (seconds: number) => () => seconds * 1000;
// Shaped like the user.created example in Clerk's webhook docs.
const payload = {
  data: {
    id: 'user_29w83sxmDNGwOuEthce5gg56FcC',
    object: 'user',
    first_name: 'Example',
    email_addresses: [{ id: 'idn_1', object: 'email_address', email_address: 'example@example.org' }],
    created_at: 1654012591514,
  },
  event_attributes: { http_request: { client_ip: '0.0.0.0', user_agent: 'Mozilla/5.0' } },
  instance_id: 'ins_123',
  object: 'event',
  timestamp: 1654012591835,
  type: 'user.created',
};
const body = JSON.stringify(payload);
const sign = (overrides: Partial<Parameters<typeof signClerkRequest>[0]> = {}) =>
  signClerkRequest({ secret, body, id: 'msg_2Ld6Y6ihW6LMHxMb1BrxRXQnhGO', timestamp: now, ...overrides });
const receiver = (options: Partial<Parameters<typeof clerk>[0]> = {}) =>
  clerk({ secret, now: at(now), ...options });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookError);
  return (error as WebhookError).code;
}

describe('clerk', () => {
  it('verifies what the svix library signs, from svix-* headers', async () => {
    const timestamp = new Date();
    const request = createWebhookRequest({
      body,
      headers: {
        'svix-id': 'msg_svix',
        'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'svix-signature': new Webhook(secret).sign('msg_svix', timestamp, body),
      },
    });
    const result = await clerk({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event).toMatchObject({ provider: 'clerk', name: 'user.created', id: 'msg_svix', payload });
    expect(result.event.meta.headerPrefix).toBe('svix');
  });

  it('signs what the svix library verifies', () => {
    const request = signClerkRequest({ secret, payload });
    expect(request.headers['svix-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(body, request.headers as Record<string, string>)).toEqual(payload);
  });

  it('types the payload of known events', async () => {
    const hooks = receiver();
    const emails: string[] = [];
    hooks.on('user.created', (event) => {
      emails.push(event.payload.data.email_addresses[0]!.email_address);
    });
    expect((await hooks.handle(sign())).status).toBe(200);
    expect(emails).toEqual(['example@example.org']);
  });

  it('rejects a tampered body, the wrong secret, stale and future timestamps', async () => {
    expect(
      await codeOf(receiver().receive({ ...sign(), body: Buffer.from(body.replace('Example', 'Eve')) })),
    ).toBe('signature_mismatch');
    const wrong = await receiver().handle(sign({ secret: generateStandardSecret() }));
    expect(wrong.status).toBe(401);
    expect(String(wrong.body)).not.toContain(secret.slice(6));
    expect(await codeOf(receiver({ now: at(now + 301) }).receive(sign()))).toBe('timestamp_too_old');
    expect(await codeOf(receiver({ now: at(now - 301) }).receive(sign()))).toBe('timestamp_in_future');
  });

  it('rejects missing, duplicated and malformed headers, and a malformed body', async () => {
    const request = sign();
    const { 'svix-signature': signature, ...unsigned } = request.headers;
    expect(await codeOf(receiver().receive({ ...request, headers: unsigned }))).toBe('missing_header');
    const twice = { ...request.headers, 'svix-signature': [signature as string, signature as string] };
    expect(await codeOf(receiver().receive({ ...request, headers: twice }))).toBe('duplicate_header');
    const garbled = { ...request.headers, 'svix-signature': 'v1,***' };
    expect(await codeOf(receiver().receive({ ...request, headers: garbled }))).toBe('malformed_signature');
    expect(await codeOf(receiver().receive(sign({ body: 'not json' })))).toBe('malformed_body');
  });

  it('accepts any secret of a rotation, and webhook-* header names', async () => {
    const old = generateStandardSecret();
    expect((await receiver({ secret: [old, secret] }).receive(sign({ secret: old }))).type).toBe('event');
    const request = sign();
    const renamed = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name.replace(/^svix-/, 'webhook-'), value]),
    );
    expect((await receiver().receive({ ...request, headers: renamed })).type).toBe('event');
  });

  it('refuses a missing or malformed secret at construction', () => {
    expect(() => clerk({} as { secret: string })).toThrow(WebhookConfigError);
    expect(() => clerk({ secret: 'whsec_$$$' })).toThrow(WebhookConfigError);
  });
});
