import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmacValidator as HmacValidator } from '@adyen/api-library';
import { Signature as HubSpotSignature } from '@hubspot/api-client';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { Webhook as CoinbaseWebhook } from 'coinbase-commerce-node';
import { verifyKey } from 'discord-interactions';
import Pusher from 'pusher';
import Razorpay from 'razorpay';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilioSdk from 'twilio';
import { describe, expect, it } from 'vitest';
import type { SavedRequest } from '../src/capture/saved.js';
import { loadProvider } from '../src/providers/registry.js';
import { ed25519FromSeed, p256FromSeed } from '../src/providers/test-keys.js';
import { startListen, trigger } from './helpers.js';

interface Received {
  body: Buffer;
  url: string;
  header(name: string): string;
  headers: Record<string, string>;
}

/** Triggers every sample of a provider into `listen` and reads back what arrived over HTTP. */
async function triggerAll(provider: string, secret: string): Promise<Received[]> {
  const listen = await startListen(provider, secret);
  const spec = await loadProvider(provider);
  try {
    for (const event of Object.keys(spec.samples)) {
      const sent = await trigger(provider, event, `${listen.listener.url}hooks/${provider}`, secret);
      expect(sent.code, sent.out + sent.err).toBe(0);
    }
  } finally {
    await listen.listener.close();
  }
  const files = readdirSync(listen.saveDir);
  expect(files).toHaveLength(Object.keys(spec.samples).length);
  return files.map((file) => {
    const saved = JSON.parse(readFileSync(join(listen.saveDir, file), 'utf8')) as SavedRequest;
    const headers = Object.fromEntries(saved.headers.map(([n, v]) => [n.toLowerCase(), v]));
    return {
      body: Buffer.from(saved.body, 'base64'),
      url: saved.url,
      headers,
      header: (name: string) => headers[name.toLowerCase()] ?? '',
    };
  });
}

describe('official SDKs verify what `hookwire trigger` sends', () => {
  it('github: @octokit/webhooks-methods', async () => {
    for (const r of await triggerAll('github', 'octo-secret')) {
      expect(
        await octokitVerify('octo-secret', r.body.toString('utf8'), r.header('x-hub-signature-256')),
      ).toBe(true);
    }
  });

  it('stripe: stripe.webhooks.constructEvent', async () => {
    const sdk = new Stripe('sk_test_unused');
    for (const r of await triggerAll('stripe', 'whsec_cli_test')) {
      const event = sdk.webhooks.constructEvent(r.body, r.header('stripe-signature'), 'whsec_cli_test');
      expect(event.object).toBe('event');
    }
  });

  it('standard-webhooks: standardwebhooks', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    for (const r of await triggerAll('standard-webhooks', secret)) {
      expect(new StandardWebhook(secret).verify(r.body.toString('utf8'), r.headers)).toHaveProperty('type');
    }
  });

  it.each(['clerk', 'resend'])('%s: svix', async (provider) => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    for (const r of await triggerAll(provider, secret)) {
      expect(new SvixWebhook(secret).verify(r.body.toString('utf8'), r.headers)).toHaveProperty('type');
    }
  });

  it('twilio: twilio.validateRequest / validateRequestWithBody', async () => {
    for (const r of await triggerAll('twilio', 'tw-auth-token')) {
      const signature = r.header('x-twilio-signature');
      const ok = r.url.includes('bodySHA256=')
        ? twilioSdk.validateRequestWithBody('tw-auth-token', signature, r.url, r.body.toString('utf8'))
        : twilioSdk.validateRequest(
            'tw-auth-token',
            signature,
            r.url,
            Object.fromEntries(new URLSearchParams(r.body.toString('utf8'))),
          );
      expect(ok, r.url).toBe(true);
    }
  });

  it('discord: discord-interactions verifyKey', async () => {
    const publicKey = ed25519FromSeed('discord-seed', 'discord').publicKeyHex;
    for (const r of await triggerAll('discord', 'discord-seed')) {
      expect(
        await verifyKey(
          r.body,
          r.header('x-signature-ed25519'),
          r.header('x-signature-timestamp'),
          publicKey,
        ),
      ).toBe(true);
    }
  });

  it('sendgrid: @sendgrid/eventwebhook', async () => {
    const publicKey = (
      p256FromSeed('sg-seed', 'sendgrid').publicKey.export({ format: 'der', type: 'spki' }) as Buffer
    ).toString('base64');
    const sdk = new EventWebhook();
    for (const r of await triggerAll('sendgrid', 'sg-seed')) {
      const ok = sdk.verifySignature(
        sdk.convertPublicKeyToECDSA(publicKey),
        r.body,
        r.header('x-twilio-email-event-webhook-signature'),
        r.header('x-twilio-email-event-webhook-timestamp'),
      );
      expect(ok).toBe(true);
    }
  });

  it('razorpay: Razorpay.validateWebhookSignature', async () => {
    for (const r of await triggerAll('razorpay', 'rzp-secret')) {
      expect(
        Razorpay.validateWebhookSignature(
          r.body.toString('utf8'),
          r.header('x-razorpay-signature'),
          'rzp-secret',
        ),
      ).toBe(true);
    }
  });

  it('pusher: the pusher SDK (webhook().isValid())', async () => {
    const sdk = new Pusher({ appId: '1', key: 'app-key', secret: 'app-secret', cluster: 'mt1' });
    for (const r of await triggerAll('pusher', 'app-key:app-secret')) {
      expect(sdk.webhook({ headers: r.headers, rawBody: r.body.toString('utf8') }).isValid()).toBe(true);
    }
  });

  it('coinbase-commerce: coinbase-commerce-node Webhook.verifySigHeader', async () => {
    for (const r of await triggerAll('coinbase-commerce', 'cb-secret')) {
      expect(
        CoinbaseWebhook.verifySigHeader(
          r.body.toString('utf8'),
          r.header('x-cc-webhook-signature'),
          'cb-secret',
        ),
      ).toBe(true);
    }
  });

  it('adyen: @adyen/api-library HmacValidator (notification items and balance platform header)', async () => {
    const key = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
    const validator = new HmacValidator();
    let checked = 0;
    for (const r of await triggerAll('adyen', key)) {
      const body = JSON.parse(r.body.toString('utf8'));
      if (body.notificationItems) {
        for (const { NotificationRequestItem: item } of body.notificationItems) {
          expect(validator.validateHMAC(item, key)).toBe(true);
          checked++;
        }
      } else {
        expect(validator.validateHMACSignature(key, r.header('hmacsignature'), r.body.toString('utf8'))).toBe(
          true,
        );
        checked++;
      }
    }
    expect(checked).toBe(3);
  });

  it('hubspot: @hubspot/api-client Signature.isValid (v3, the URL signed)', async () => {
    for (const r of await triggerAll('hubspot', 'hs-client-secret')) {
      const valid = HubSpotSignature.isValid({
        signatureVersion: 'v3',
        signature: r.header('x-hubspot-signature-v3'),
        clientSecret: 'hs-client-secret',
        requestBody: r.body.toString('utf8'),
        url: r.url,
        method: 'POST',
        timestamp: Number(r.header('x-hubspot-request-timestamp')),
      });
      expect(valid, r.url).toBe(true);
    }
  });
});
