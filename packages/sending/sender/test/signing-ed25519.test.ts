import { createPublicKey, verify } from 'node:crypto';
import { createWebhookRequest } from '@hookwire/core';
import { bearerAuth, createManagementApi, type Sender } from '@hookwire/sender';
import { standardWebhooks } from '@hookwire/standard-webhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, memorySender, startSubscriber, waitFor } from './helpers.js';

let sender: Sender;
let hook: Awaited<ReturnType<typeof startSubscriber>>;

beforeEach(async () => {
  hook = await startSubscriber();
  sender = memorySender({ allowPrivateNetwork: true, pollIntervalMs: 20 });
  await sender.start();
});

afterEach(async () => {
  await sender.close();
  await hook.close();
});

/**
 * The Standard Webhooks v1a check, written from the specification: the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`, `webhook-signature` holds space-separated
 * `v1a,<base64 ed25519 signature>` entries, and a `whpk_` key is base64 of the raw 32-byte key.
 */
function verifiesV1a(publicKey: string, headers: Record<string, unknown>, body: string): boolean {
  const raw = Buffer.from(publicKey.slice('whpk_'.length), 'base64');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const content = Buffer.from(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`);
  return String(headers['webhook-signature'])
    .split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) => verify(null, content, key, Buffer.from(entry.slice(4), 'base64')));
}

async function post(api: ReturnType<typeof createManagementApi>, path: string, body: unknown) {
  const { status, json } = await callApi(api, 'POST', path, { token: 't', body });
  return { status, body: json };
}

describe('ed25519 signing (Standard Webhooks v1a)', () => {
  it('answers the whpk_ public key (never a secret) and signs v1a, verified by the receiver and by the spec', async () => {
    const api = createManagementApi({ sender, authenticate: bearerAuth({ t: 'acme' }) });
    const created = await post(api, '/subscriptions', {
      url: `${hook.url}/ed`,
      events: ['invoice.*'],
      signing: 'ed25519',
    });
    expect(created.status).toBe(201);
    expect(created.body.publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(created.body).not.toHaveProperty('secret');
    expect(created.body.signing).toBe('ed25519');
    const stored = await sender.getSubscription(created.body.id);
    expect(stored.secrets[0]!.secret).toMatch(/^whsk_/);

    await sender.publish({ type: 'invoice.paid', data: { total: 7 }, tenant: 'acme' });
    const request = await waitFor(() => hook.requests[0], 5000, 'the delivery');
    const signature = String(request.headers['webhook-signature']);
    expect(signature).toMatch(/^v1a,[A-Za-z0-9+/]+=*$/);
    expect(signature).not.toContain('v1,');

    expect(verifiesV1a(created.body.publicKey, request.headers, request.body)).toBe(true);
    expect(verifiesV1a(created.body.publicKey, request.headers, request.body.replace('7', '8'))).toBe(false);

    const receiver = standardWebhooks({ publicKey: created.body.publicKey });
    const received = await receiver.receive(
      createWebhookRequest({
        method: 'POST',
        url: 'https://subscriber.example/ed',
        headers: request.headers as Record<string, string>,
        body: request.body,
      }),
    );
    expect(received).toMatchObject({
      type: 'event',
      event: { name: 'invoice.paid', payload: { data: { total: 7 } } },
    });

    const secretAnswer = await api.handle(
      createWebhookRequest({
        method: 'GET',
        url: `https://service.example/api/subscriptions/${created.body.id}/secret`,
        headers: { authorization: 'Bearer t' },
      }),
    );
    expect(JSON.parse(String(secretAnswer.body))).toEqual({
      publicKey: created.body.publicKey,
      previous: [],
    });
  });

  it('rotates to a new key pair: both keys sign during the grace period', async () => {
    const subscription = await sender.createSubscription({
      url: `${hook.url}/r`,
      events: ['*'],
      signing: 'ed25519',
    });
    const rotated = await sender.rotateSecret(subscription.id);
    expect(rotated.secrets).toHaveLength(2);
    await sender.publish({ type: 'invoice.paid', data: {} });
    const request = await waitFor(() => hook.requests[0], 5000, 'the delivery');
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    const { standardPublicKeyOf } = await import('@hookwire/core');
    for (const { secret } of rotated.secrets) {
      expect(verifiesV1a(standardPublicKeyOf(secret), request.headers, request.body)).toBe(true);
    }
  });

  it('refuses bad signing input with the field named', async () => {
    const bad = [
      [{ signing: 'rsa' }, 'signing'],
      [{ signing: 'ed25519', format: 'aspnet' }, 'signing'],
      [{ signing: 'ed25519', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'secret'],
    ] as const;
    for (const [extra, field] of bad) {
      await expect(
        sender.createSubscription({ url: `${hook.url}/x`, events: ['*'], ...extra } as never),
      ).rejects.toMatchObject({ code: 'invalid_input', field });
    }
    const subscription = await sender.createSubscription({
      url: `${hook.url}/x`,
      events: ['*'],
      signing: 'ed25519',
    });
    await expect(
      sender.updateSubscription(subscription.id, { signing: 'hmac' } as never),
    ).rejects.toMatchObject({
      field: 'signing',
    });
  });
});
