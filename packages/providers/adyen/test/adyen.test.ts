import { hmacValidator as HmacValidator } from '@adyen/api-library';
import { adyen } from '@hookwire/adyen';
import { signAdyenBalancePlatformRequest, signAdyenNotification } from '@hookwire/adyen/testing';
import { createWebhookRequest, hmacBase64 } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

// Published vector: Adyen's PHP library test (HmacSignatureTest::testNotificationRequestItemHmac).
const phpKey = 'DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00';
const phpItem = {
  pspReference: '7914073381342284',
  merchantAccountCode: 'TestMerchant',
  merchantReference: 'TestPayment-1407325143704',
  amount: { value: 1130, currency: 'EUR' },
  eventCode: 'AUTHORISATION',
  success: 'true',
};
const phpSignature = 'Ny9gS2veKo5E4w8/OL6xz1/wvT/hYkAXy1xNc/QvO4I=';
const secret = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const validator = new HmacValidator();
// The library's item type insists on fields the signature does not cover (eventDate…).
const asItem = (item: object) => item as Parameters<HmacValidator['calculateHmac']>[0];

const notification = (items: Record<string, unknown>[]) =>
  createWebhookRequest({
    body: JSON.stringify({
      live: 'false',
      notificationItems: items.map((item) => ({ NotificationRequestItem: item })),
    }),
    headers: { 'content-type': 'application/json' },
  });
const itemsOf = (request: { body: Uint8Array }) =>
  JSON.parse(Buffer.from(request.body).toString()).notificationItems.map(
    (entry: { NotificationRequestItem: Record<string, unknown> }) => entry.NotificationRequestItem,
  );

describeReceiver({
  provider: 'adyen',
  variant: 'standard notifications',
  create: adyen,
  sign: ({ secret }) => signAdyenNotification({ secret, items: [phpItem] }),
  secrets: [secret, phpKey],
  event: { name: 'AUTHORISATION', id: '7914073381342284:AUTHORISATION:true' },
  // The signature covers fields of each item, not the body bytes.
  tamper: (request) => notification([{ ...itemsOf(request)[0], merchantReference: 'Tampered' }]),
  deliveryId: true,
});

describeReceiver({
  provider: 'adyen',
  variant: 'Balance Platform',
  create: adyen,
  sign: ({ secret }) =>
    signAdyenBalancePlatformRequest({ secret, type: 'balancePlatform.accountHolder.created' }),
  secrets: [secret, phpKey],
  event: { name: 'balancePlatform.accountHolder.created' },
  signatureHeaders: ['HmacSignature'],
  malformedSignature: { value: '!!' },
});

describe('adyen receiver: standard notifications', () => {
  it('verifies the published PHP-library vector (missing originalReference signs as empty) and answers [accepted]', async () => {
    const request = notification([{ ...phpItem, additionalData: { hmacSignature: phpSignature } }]);
    const receiver = adyen({ secret: phpKey });
    const event = await eventOf(receiver.receive(request));
    expect(event.name).toBe('AUTHORISATION');
    expect(event.id).toBe('7914073381342284:AUTHORISATION:true');
    expect(event.meta).toEqual({
      format: 'notification',
      live: false,
      merchantAccountCode: 'TestMerchant',
    });
    expect(event.payload).toMatchObject(phpItem);
    const response = await receiver.handle(request);
    expect([response.status, response.body]).toEqual([200, '[accepted]']);
  });

  it('agrees with @adyen/api-library HmacValidator, both ways', async () => {
    const item = { ...phpItem, originalReference: '8313547924770610', eventCode: 'CAPTURE', reason: 'x:y' };
    const request = signAdyenNotification({ secret, items: [item] });
    const [signed] = itemsOf(request);
    expect(validator.validateHMAC(signed, secret)).toBe(true);
    expect(validator.calculateHmac(asItem(item), phpKey)).not.toBe(signed.additionalData.hmacSignature);
    const library = {
      ...item,
      additionalData: { hmacSignature: validator.calculateHmac(asItem(item), secret) },
    };
    expect((await adyen({ secret }).receive(notification([library]))).type).toBe('event');
  });

  it('emits one event per item and requires every item to verify', async () => {
    const second = { ...phpItem, pspReference: '8514073381342285', eventCode: 'REFUND' };
    const request = signAdyenNotification({ secret, items: [phpItem, second] });
    const result = await adyen({ secret }).receive(request);
    expect(result.type === 'event' && result.events.map((event) => event.name)).toEqual([
      'AUTHORISATION',
      'REFUND',
    ]);
    const [good, bad] = itemsOf(request);
    const forged = notification([good, { ...bad, amount: { value: 999999, currency: 'EUR' } }]);
    const error = await webhookErrorOf(adyen({ secret }).receive(forged));
    expect(error.code).toBe('signature_mismatch');
    expect(error.message).toContain('notificationItems[1]');
  });

  it('signs each of pspReference, merchantReference, eventCode and success', async () => {
    const [item] = itemsOf(signAdyenNotification({ secret, items: [phpItem] }));
    for (const field of ['pspReference', 'merchantReference', 'eventCode', 'success'] as const) {
      const tampered = notification([{ ...item, [field]: `${item[field]}0` }]);
      expect(await errorCodeOf(adyen({ secret }).receive(tampered))).toBe('signature_mismatch');
    }
  });

  it('hex-decodes the key: the key text itself does not verify', async () => {
    const signature = hmacBase64(
      'sha256',
      secret,
      '7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true',
    );
    const request = notification([{ ...phpItem, additionalData: { hmacSignature: signature } }]);
    expect(await errorCodeOf(adyen({ secret }).receive(request))).toBe('signature_mismatch');
    expect(() => adyen({ secret: 'not-hex' })).toThrow(/hex/);
    expect(() => adyen({ secret: 'abc' })).toThrow(/hex/);
  });

  it('rejects items without a signature, malformed signatures and malformed bodies', async () => {
    expect(await errorCodeOf(adyen({ secret }).receive(notification([phpItem])))).toBe('malformed_signature');
    const bad = notification([{ ...phpItem, additionalData: { hmacSignature: '***' } }]);
    expect(await errorCodeOf(adyen({ secret }).receive(bad))).toBe('malformed_signature');
    for (const body of ['{', '{"live":"false","notificationItems":[]}', '{"notificationItems":[{"x":1}]}']) {
      const request = createWebhookRequest({ body, headers: { 'content-type': 'application/json' } });
      expect(await errorCodeOf(adyen({ secret }).receive(request))).toBe('malformed_body');
    }
  });
});

describe('adyen receiver: Balance Platform webhooks', () => {
  const body = JSON.stringify({
    data: {
      balancePlatform: 'YOUR_BALANCE_PLATFORM',
      accountHolder: { id: 'AH3227C223222C5GKR23686TF', status: 'active' },
    },
    environment: 'test',
    type: 'balancePlatform.accountHolder.created',
  });

  it('verifies HmacSignature over the raw body, as the library does, and names the event by type', async () => {
    const request = signAdyenBalancePlatformRequest({ secret, body });
    expect(validator.validateHMACSignature(secret, request.headers.hmacsignature as string, body)).toBe(true);
    const receiver = adyen({ secret });
    const result = await receiver.receive(request);
    expect(result.type === 'event' && [result.event.name, result.event.meta]).toEqual([
      'balancePlatform.accountHolder.created',
      { format: 'balancePlatform', environment: 'test' },
    ]);
    const response = await receiver.handle(request);
    expect(response.status).toBe(200);
    expect(response.body).not.toBe('[accepted]');
  });

  it('asks for HMAC to be enabled when an unsigned Balance Platform body arrives', async () => {
    const request = createWebhookRequest({ body, headers: { 'content-type': 'application/json' } });
    const error = await webhookErrorOf(adyen({ secret }).receive(request));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('HmacSignature');
  });

  it('reports a signed body without a type', async () => {
    const request = signAdyenBalancePlatformRequest({ secret, body: '{"data":{}}' });
    expect(await errorCodeOf(adyen({ secret }).receive(request))).toBe('malformed_body');
  });
});
