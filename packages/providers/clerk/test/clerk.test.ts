import { clerk } from '@hookwire/clerk';
import { signClerkRequest } from '@hookwire/clerk/testing';
import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver } from '@hookwire/core/testing';
import { svixPresetDescription } from '@hookwire/standard-webhooks/testing';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = 1_654_012_591;
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
const id = 'msg_2Ld6Y6ihW6LMHxMb1BrxRXQnhGO';

describeReceiver(svixPresetDescription({ provider: 'clerk', create: clerk, payload }));

describe('clerk', () => {
  it('agrees with the svix library both ways', async () => {
    const signature = new Webhook(secret).sign(id, new Date(now * 1000), body);
    const headers = { 'svix-id': id, 'svix-timestamp': String(now), 'svix-signature': signature };
    const result = await clerk({ secret, now: () => now * 1000 }).receive(
      createWebhookRequest({ body, headers }),
    );
    expect(result.type === 'event' && result.event.name).toBe(payload.type);
    const ours = signClerkRequest({ secret, payload });
    expect(new Webhook(secret).verify(body, ours.headers as Record<string, string>)).toEqual(payload);
  });

  it('types the payload of known events', async () => {
    const hooks = clerk({ secret, now: () => now * 1000 });
    const emails: string[] = [];
    hooks.on('user.created', (event) => {
      emails.push(event.payload.data.email_addresses[0]!.email_address);
    });
    expect((await hooks.handle(signClerkRequest({ secret, body, id, timestamp: now }))).status).toBe(200);
    expect(emails).toEqual(['example@example.org']);
  });
});
