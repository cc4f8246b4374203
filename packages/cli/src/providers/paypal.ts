import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paypal } from '@hookwire/paypal';
import { createPayPalTestCertificate, signPayPalRequest, TEST_CERT_URL } from '@hookwire/paypal/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

// RSA keys cannot be derived from a seed cheaply, so the test key for a webhook id is generated
// once and kept in the temp folder, where `trigger` and `listen` on one machine both find it.
function testKey(webhookId: string): KeyObject {
  const dir = join(tmpdir(), 'hookwire-cli-keys');
  const file = join(dir, `paypal-${createHash('sha256').update(webhookId).digest('hex').slice(0, 16)}.pem`);
  if (existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return privateKey;
}

function certificate(webhookId: string) {
  return createPayPalTestCertificate({ privateKey: testKey(webhookId) });
}

function signed(eventType: string, resourceType: string, resource: Record<string, unknown>) {
  return (context: SignContext) =>
    signPayPalRequest({
      certificate: certificate(context.secret),
      webhookId: context.secret,
      url: context.url,
      transmissionTime: new Date(context.timestamp * 1000),
      payload: payloadOf(context, {
        id: 'WH-2WR32451HC0233532-67976317FL4543714',
        event_version: '1.0',
        create_time: new Date(context.timestamp * 1000).toISOString(),
        resource_type: resourceType,
        resource_version: '2.0',
        event_type: eventType,
        summary: `Event ${eventType}`,
        resource,
      }),
    });
}

const spec: ProviderSpec = {
  name: 'paypal',
  secret: 'the webhook id; the test certificate for it is generated once and kept in the temp folder',
  defaultSecret: '0DEVWEBHOOKID00000',
  receiver: ({ secret, now, tolerance }) => {
    const pem = certificate(secret).certificate;
    return paypal({
      webhookId: secret,
      now,
      tolerance,
      fetchCertificate: async (url) =>
        url === TEST_CERT_URL ? pem : Promise.reject(new Error(`no test certificate at ${url}`)),
    });
  },
  samples: {
    'PAYMENT.CAPTURE.COMPLETED': {
      description: 'a payment captured',
      sign: signed('PAYMENT.CAPTURE.COMPLETED', 'capture', {
        id: '42311647XV020574X',
        status: 'COMPLETED',
        amount: { currency_code: 'USD', value: '10.99' },
        final_capture: true,
      }),
    },
    'CHECKOUT.ORDER.APPROVED': {
      description: 'a buyer approved a checkout order',
      sign: signed('CHECKOUT.ORDER.APPROVED', 'checkout-order', {
        id: '5O190127TN364715T',
        status: 'APPROVED',
        intent: 'CAPTURE',
      }),
    },
  },
};

export default spec;
