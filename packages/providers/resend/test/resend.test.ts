import { generateStandardSecret } from '@hookwire/core';
import { resend } from '@hookwire/resend';
import { signResendRequest } from '@hookwire/resend/testing';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { presetCases } from '../../standard-webhooks/test/preset-cases.js';

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

describe('resend', () => {
  presetCases({
    provider: 'resend',
    create: resend,
    signRequest: signResendRequest,
    Webhook,
    secret,
    now,
    payload,
    id,
    tamperedBody: body.replace('Permanent', 'Transient'),
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
