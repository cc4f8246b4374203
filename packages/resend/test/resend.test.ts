import {
  createWebhookRequest,
  generateStandardSecret,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import { resend } from '@hookwire/resend';
import { signResendRequest } from '@hookwire/resend/testing';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';

const secret = generateStandardSecret(24);
const now = 1_708_645_272;
const at = (seconds: number) => () => seconds * 1000;
// The email.bounced example of Resend's event-type docs, with its bounce details.
const payload = {
  type: 'email.bounced',
  created_at: '2024-11-22T23:41:12.126Z',
  data: {
    created_at: '2024-11-22T23:41:11.894719+00:00',
    email_id: '56761188-7520-42d8-8898-ff6fc54ce618',
    from: 'Acme <onboarding@resend.dev>',
    to: ['delivered@resend.dev'],
    subject: 'Sending this example',
    bounce: { message: 'The recipient does not exist.', subType: 'General', type: 'Permanent' },
  },
};
const body = JSON.stringify(payload);
const sign = (overrides: Partial<Parameters<typeof signResendRequest>[0]> = {}) =>
  signResendRequest({ secret, body, id: 'msg_2nHwqQ7pHtN0r4Gkg8Dpye1Mm6B', timestamp: now, ...overrides });
const receiver = (options: Partial<Parameters<typeof resend>[0]> = {}) =>
  resend({ secret, now: at(now), ...options });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookError);
  return (error as WebhookError).code;
}

describe('resend', () => {
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
    const result = await resend({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event).toMatchObject({
      provider: 'resend',
      name: 'email.bounced',
      id: 'msg_svix',
      payload,
    });
  });

  it('signs what the svix library verifies', () => {
    const request = signResendRequest({ secret, payload });
    expect(new Webhook(secret).verify(body, request.headers as Record<string, string>)).toEqual(payload);
  });

  it('types the payload of known events, wildcards included', async () => {
    const hooks = receiver();
    const seen: string[] = [];
    hooks.on('email.bounced', (event) => {
      seen.push(event.payload.data.bounce?.type ?? '');
    });
    hooks.on('email.*', (event) => {
      seen.push(event.name);
    });
    expect((await hooks.handle(sign())).status).toBe(200);
    expect(seen.sort()).toEqual(['Permanent', 'email.bounced']);
  });

  it('rejects a tampered body, the wrong secret, stale and future timestamps', async () => {
    expect(
      await codeOf(
        receiver().receive({ ...sign(), body: Buffer.from(body.replace('Permanent', 'Transient')) }),
      ),
    ).toBe('signature_mismatch');
    const wrong = await receiver().handle(sign({ secret: generateStandardSecret() }));
    expect(wrong.status).toBe(401);
    expect(String(wrong.body)).not.toContain(secret.slice(6));
    expect(await codeOf(receiver({ now: at(now + 301) }).receive(sign()))).toBe('timestamp_too_old');
    expect(await codeOf(receiver({ now: at(now - 301) }).receive(sign()))).toBe('timestamp_in_future');
  });

  it('rejects missing, duplicated and malformed headers, and a malformed body', async () => {
    const request = sign();
    const { 'svix-id': _, ...noId } = request.headers;
    expect(await codeOf(receiver().receive({ ...request, headers: noId }))).toBe('missing_header');
    const signature = request.headers['svix-signature'] as string;
    const twice = { ...request.headers, 'svix-signature': [signature, signature] };
    expect(await codeOf(receiver().receive({ ...request, headers: twice }))).toBe('duplicate_header');
    const badTime = { ...request.headers, 'svix-timestamp': 'yesterday' };
    expect(await codeOf(receiver().receive({ ...request, headers: badTime }))).toBe('malformed_header');
    const garbled = { ...request.headers, 'svix-signature': 'v1' };
    expect(await codeOf(receiver().receive({ ...request, headers: garbled }))).toBe('malformed_signature');
    expect(await codeOf(receiver().receive(sign({ body: '' })))).toBe('malformed_body');
  });

  it('accepts any secret of a rotation', async () => {
    const old = generateStandardSecret();
    expect((await receiver({ secret: [old, secret] }).receive(sign({ secret: old }))).type).toBe('event');
    expect((await receiver({ secret: [old, secret] }).receive(sign())).type).toBe('event');
  });

  it('refuses a missing or malformed secret at construction', () => {
    expect(() => resend({} as { secret: string })).toThrow(WebhookConfigError);
    expect(() => resend({ secret: [] })).toThrow(WebhookConfigError);
  });
});
