import { createWebhookRequest, hmacHex, WebhookConfigError, type WebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, signerWith, webhookErrorOf } from '@hookwire/core/testing';
import { type StripeEventMap, stripe } from '@hookwire/stripe';
import { signStripeRequest, stripeSignatureHeader, stripeTestEvent } from '@hookwire/stripe/testing';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

const secret = 'whsec_test_5f3c1b9a2d4e6f8a0b1c2d3e4f5a6b7c';
const now = 1_800_000_000;
const at = (seconds: number) => () => seconds * 1000;
const event = stripeTestEvent(
  'checkout.session.completed',
  { id: 'cs_test_1', object: 'checkout.session', amount_total: 2000, currency: 'eur', mode: 'payment' },
  { id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', created: now, livemode: false, api_version: '2025-03-31.basil' },
);
const body = JSON.stringify(event);
const sdk = new Stripe('sk_test_unused');
const receiver = (options: Partial<Parameters<typeof stripe>[0]> = {}) =>
  stripe({ secret, now: at(now), ...options });
const sign = signerWith(signStripeRequest, { secret, body, timestamp: now });

function withSignature(
  value: string | string[] | undefined,
  request: WebhookRequest = sign(),
): WebhookRequest {
  return { ...request, headers: { ...request.headers, 'stripe-signature': value } };
}

describeReceiver({
  provider: 'stripe',
  create: stripe,
  sign: ({ secret, timestamp }) => signStripeRequest({ secret, body, timestamp }),
  secrets: [secret, 'whsec_old'],
  now,
  event: { name: 'checkout.session.completed', id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy' },
  signatureHeaders: ['Stripe-Signature'],
  malformedSignature: { value: `t=${now},v1=zz` },
  timestamp: { tolerance: 300 },
  deliveryId: true,
});

describe('stripe: the official stripe SDK', () => {
  it('verifies what stripe.webhooks.generateTestHeaderString signs', async () => {
    const header = sdk.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: now });
    const request = createWebhookRequest({ body, headers: { 'stripe-signature': header } });
    const received = await eventOf(receiver().receive(request));
    expect(received).toMatchObject({
      provider: 'stripe',
      name: 'checkout.session.completed',
      id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
      payload: event,
      meta: { livemode: false, apiVersion: '2025-03-31.basil', created: now },
    });
  });

  it('signs what stripe.webhooks.constructEvent verifies', () => {
    const request = sign();
    const header = request.headers['stripe-signature'] as string;
    expect(
      sdk.webhooks.constructEvent(Buffer.from(request.body), header, secret, 300, undefined, now * 1000),
    ).toEqual(event);
    expect(() =>
      sdk.webhooks.constructEvent(
        Buffer.from(request.body),
        header,
        `${secret}x`,
        300,
        undefined,
        now * 1000,
      ),
    ).toThrow(/No signatures found matching/);
  });

  it('agrees with the SDK that the whsec_ secret is UTF-8 text, not base64', async () => {
    const decodedKey = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const header = `t=${now},v1=${hmacHex('sha256', decodedKey, `${now}.`, body)}`;
    expect(() => sdk.webhooks.constructEvent(body, header, secret, 300, undefined, now * 1000)).toThrow(
      /No signatures found matching/,
    );
    expect(await errorCodeOf(receiver().receive(withSignature(header)))).toBe('signature_mismatch');
  });
});

describe('stripe receiver', () => {
  it('rejects a changed timestamp (it is signed)', async () => {
    const header = (sign().headers['stripe-signature'] as string).replace(`t=${now}`, `t=${now + 1}`);
    expect(await errorCodeOf(receiver().receive(withSignature(header)))).toBe('signature_mismatch');
  });

  it('honours a configured tolerance', async () => {
    const request = sign();
    expect((await receiver({ now: at(now + 900), tolerance: 1000 }).receive(request)).type).toBe('event');
  });

  it('checks the signature before the timestamp, as the SDKs do', async () => {
    const forged = sign({ secret: 'whsec_forger', timestamp: now - 3600 });
    expect(await errorCodeOf(receiver().receive(forged))).toBe('signature_mismatch');
  });

  it('names the Stripe-Signature header a request lacks', async () => {
    const missing = await webhookErrorOf(receiver().receive(withSignature(undefined)));
    expect(missing.message).toContain('Stripe-Signature');
  });

  it('accepts any of several v1 signatures, ignores v0 and unknown keys, and needs a v1', async () => {
    const good = hmacHex('sha256', secret, `${now}.`, body);
    const other = hmacHex('sha256', 'whsec_rolled', `${now}.`, body);
    for (const header of [
      `t=${now},v1=${other},v1=${good}`,
      `t=${now},v1=${good},v0=${good}`,
      `v1=${good},x=1,t=${now},schema=2`,
      `t=${now},v1=zz-not-hex,v1=${good}`,
    ]) {
      expect((await receiver().receive(withSignature(header))).type).toBe('event');
    }
    const onlyV0 = await webhookErrorOf(receiver().receive(withSignature(`t=${now},v0=${good}`)));
    expect(onlyV0.code).toBe('malformed_signature');
    expect(onlyV0.message).toContain('v0');
  });

  it('rejects malformed headers', async () => {
    const good = hmacHex('sha256', secret, `${now}.`, body);
    const cases: [string, string][] = [
      ['garbage', 'malformed_header'],
      [`v1=${good}`, 'malformed_header'],
      [`t=soon,v1=${good}`, 'malformed_header'],
      [`t=${now},t=${now},v1=${good}`, 'malformed_header'],
      [`t=${now},v1=`, 'malformed_signature'],
      [`t=${now},v1=abcd`, 'signature_mismatch'],
    ];
    for (const [header, code] of cases) {
      const error = await webhookErrorOf(receiver().receive(withSignature(header)));
      expect([header, error.code]).toEqual([header, code]);
    }
  });

  it('reports a malformed JSON body, or one without type and id, once verified', async () => {
    expect(await errorCodeOf(receiver().receive(sign({ body: '{"id":' })))).toBe('malformed_body');
    const noType = await webhookErrorOf(receiver().receive(sign({ body: '{"id":"evt_1"}' })));
    expect(noType.code).toBe('malformed_body');
    expect(noType.message).toContain('type');
    expect(await errorCodeOf(receiver().receive(sign({ body: '[1]' })))).toBe('malformed_body');
  });

  it('signs with every secret of a rotation', () => {
    expect(stripeSignatureHeader({ secret: ['a', 'b'], body, timestamp: now }).split(',')).toHaveLength(3);
  });

  it('runs typed handlers and answers 200, or 500 when one throws', async () => {
    const hooks = receiver();
    const totals: (number | null)[] = [];
    hooks.on('checkout.session.completed', (e) => {
      totals.push(e.payload.data.object.amount_total);
    });
    expect((await hooks.handle(sign())).status).toBe(200);
    expect(totals).toEqual([2000]);
    hooks.on('checkout.session.*', () => {
      throw new Error('boom');
    });
    expect((await hooks.handle(sign())).status).toBe(500);
  });

  it("takes the stripe SDK's own event types as a type parameter", async () => {
    const typed = stripe<StripeEventMap<Stripe.Event>>({ secret, now: at(now) });
    let mode: Stripe.Checkout.Session.Mode | undefined;
    typed.on('checkout.session.completed', (e) => {
      mode = e.payload.data.object.mode;
    });
    await typed.handle(sign());
    expect(mode).toBe('payment');
  });

  it('refuses an API key, whitespace or no secret at construction, without echoing the key', () => {
    const apiKey = 'sk_live_51Hx2eZvKYlo2C0123456789';
    expect(() => stripe({ secret: apiKey })).toThrow(WebhookConfigError);
    expect(() => stripe({ secret: apiKey })).toThrow(/API key/);
    expect(() => stripe({ secret: apiKey })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(apiKey) }),
    );
    expect(() => stripe({ secret: `${secret} ` })).toThrow(/whitespace/);
    expect(() => stripe({ secret: [] })).toThrow(WebhookConfigError);
    expect(() => stripe({} as { secret: string })).toThrow(/required/);
  });
});
