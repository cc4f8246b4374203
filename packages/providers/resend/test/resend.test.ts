import { createWebhookRequest, generateStandardSecret } from '@hookwire/core';
import { describeReceiver } from '@hookwire/core/testing';
import { resend } from '@hookwire/resend';
import { signResendRequest } from '@hookwire/resend/testing';
import { svixPresetDescription } from '@hookwire/standard-webhooks/testing';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';

const secret = generateStandardSecret(24);
const now = 1_708_645_272;
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
const id = 'msg_2nHwqQ7pHtN0r4Gkg8Dpye1Mm6B';

describeReceiver(svixPresetDescription({ provider: 'resend', create: resend, payload }));

describe('resend', () => {
  it('agrees with the svix library both ways', async () => {
    const signature = new Webhook(secret).sign(id, new Date(now * 1000), body);
    const headers = { 'svix-id': id, 'svix-timestamp': String(now), 'svix-signature': signature };
    const result = await resend({ secret, now: () => now * 1000 }).receive(
      createWebhookRequest({ body, headers }),
    );
    expect(result.type === 'event' && result.event.name).toBe(payload.type);
    const ours = signResendRequest({ secret, payload });
    expect(new Webhook(secret).verify(body, ours.headers as Record<string, string>)).toEqual(payload);
  });

  it('types the payload of known events, wildcards included', async () => {
    const hooks = resend({ secret, now: () => now * 1000 });
    const seen: string[] = [];
    hooks.on('email.bounced', (event) => {
      seen.push(event.payload.data.bounce?.type ?? '');
    });
    hooks.on('email.*', (event) => {
      seen.push(event.name);
    });
    expect((await hooks.handle(signResendRequest({ secret, body, id, timestamp: now }))).status).toBe(200);
    expect(seen.sort()).toEqual(['Permanent', 'email.bounced']);
  });
});
