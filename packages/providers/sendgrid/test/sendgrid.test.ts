import { generateKeyPairSync } from 'node:crypto';
import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventsOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { sendgrid } from '@hookwire/sendgrid';
import { generateSendGridKeyPair, signSendGridRequest } from '@hookwire/sendgrid/testing';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { describe, expect, it } from 'vitest';

const now = 1_700_000_000_000;
const timestamp = now / 1000;
const { publicKey, privateKey } = generateSendGridKeyPair();
const events = [
  {
    email: 'a@example.com',
    timestamp,
    event: 'delivered',
    sg_event_id: 'ZGVsaXZlcmVk-1',
    sg_message_id: 'm1',
  },
  { email: 'a@example.com', timestamp, event: 'open', sg_event_id: 'b3Blbg-2', sg_message_id: 'm1' },
];

function receiver(key: Parameters<typeof sendgrid>[0]['publicKey'] = publicKey) {
  return sendgrid({ publicKey: key, now: () => now });
}

type KeyPair = ReturnType<typeof generateSendGridKeyPair>;
describeReceiver<KeyPair>({
  provider: 'sendgrid',
  create: ({ secret, ...options }) =>
    sendgrid({ publicKey: [secret].flat().map((pair) => pair.publicKey), ...options }),
  sign: ({ secret, timestamp }) => signSendGridRequest({ privateKey: secret.privateKey, events, timestamp }),
  secrets: [{ publicKey, privateKey }, generateSendGridKeyPair()],
  event: { name: 'delivered', id: 'ZGVsaXZlcmVk-1' },
  signatureHeaders: ['X-Twilio-Email-Event-Webhook-Signature', 'X-Twilio-Email-Event-Webhook-Timestamp'],
  malformedSignature: { value: '***' },
  timestamp: { tolerance: 300 },
  deliveryId: true,
});

describe('sendgrid receiver', () => {
  it('verifies the vector of the official @sendgrid/eventwebhook tests', async () => {
    const sdkKey =
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==';
    const request = createWebhookRequest({
      body: JSON.stringify({ category: 'example_payload', event: 'test_event', message_id: 'message_id' }),
      headers: {
        'x-twilio-email-event-webhook-signature':
          'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=',
        'x-twilio-email-event-webhook-timestamp': '1588788367',
      },
    });
    const result = await sendgrid({ publicKey: sdkKey, now: () => 1588788367_000 }).receive(request);
    expect(result.type === 'event' && result.event.name).toBe('test_event');
    // The same request under the SDK test's "invalid key" fails.
    const otherKey =
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==';
    const error = await webhookErrorOf(
      sendgrid({ publicKey: otherKey, now: () => 1588788367_000 }).receive(request),
    );
    expect(error.code).toBe('signature_mismatch');
  });

  it('signs what @sendgrid/eventwebhook verifies, and verifies what it accepts', async () => {
    const request = signSendGridRequest({ privateKey, events, timestamp });
    const sdk = new EventWebhook();
    const ok = sdk.verifySignature(
      sdk.convertPublicKeyToECDSA(publicKey),
      Buffer.from(request.body),
      request.headers['x-twilio-email-event-webhook-signature'] as string,
      String(timestamp),
    );
    expect(ok).toBe(true);
    expect((await receiver().receive(request)).type).toBe('event');
  });

  it('yields one event per array element with sg_event_id as the id, over a CRLF-terminated body', async () => {
    const request = signSendGridRequest({ privateKey, events, timestamp });
    expect(Buffer.from(request.body).toString().endsWith('\r\n')).toBe(true);
    const received = await eventsOf(receiver().receive(request));
    expect(received.map((event) => [event.name, event.id])).toEqual([
      ['delivered', 'ZGVsaXZlcmVk-1'],
      ['open', 'b3Blbg-2'],
    ]);
    expect(received[0]?.meta).toEqual({ sgMessageId: 'm1', timestamp });
    expect(received[0]?.payload).toEqual(events[0]);
  });

  it('accepts a PEM key', async () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${publicKey}\n-----END PUBLIC KEY-----\n`;
    const request = signSendGridRequest({ privateKey, events, timestamp });
    expect((await receiver(pem).receive(request)).type).toBe('event');
  });

  it('rejects a changed timestamp (it is signed), and honours tolerance', async () => {
    const request = signSendGridRequest({ privateKey, events, timestamp });
    const shifted = withHeaders(request, { 'x-twilio-email-event-webhook-timestamp': String(timestamp + 1) });
    expect(await errorCodeOf(receiver().receive(shifted))).toBe('signature_mismatch');
    const stale = signSendGridRequest({ privateKey, events, timestamp: timestamp - 301 });
    const lenient = sendgrid({ publicKey, now: () => now, tolerance: 600 });
    expect((await lenient.receive(stale)).type).toBe('event');
  });

  it('rejects a malformed timestamp and a short signature', async () => {
    const request = signSendGridRequest({ privateKey, events, timestamp });
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-twilio-email-event-webhook-timestamp': 'yesterday' }, 'malformed_header'],
      [{ 'x-twilio-email-event-webhook-signature': 'AAAA' }, 'signature_mismatch'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(receiver().receive(withHeaders(request, headers)))).toBe(code);
    }
  });

  it('reports a body that is not JSON or an event without `event`', async () => {
    const notJson = signSendGridRequest({ privateKey, body: '[{"event":', timestamp });
    expect(await errorCodeOf(receiver().receive(notJson))).toBe('malformed_body');
    const noName = signSendGridRequest({ privateKey, events: [{ email: 'x' }], timestamp });
    expect(await errorCodeOf(receiver().receive(noName))).toBe('malformed_body');
  });

  it('refuses keys that are not SendGrid verification keys at construction', () => {
    expect(() => sendgrid({ publicKey: 'not a key' })).toThrow(/publicKey/);
    const ed = generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    expect(() => sendgrid({ publicKey: ed })).toThrow(/P-256/);
    expect(() => sendgrid({ publicKey: [] })).toThrow(/empty/);
  });
});
