import { randomUUID, sign } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import type { TestCertificate } from './test-certificate.js';

export {
  createPayPalTestCertificate,
  type TestCertificate,
  type TestCertificateOptions,
} from './test-certificate.js';

export interface SignPayPalRequestInput {
  /** The certificate whose key signs (from `createPayPalTestCertificate`). */
  certificate: TestCertificate;
  /** The webhook id the receiver is configured with. */
  webhookId: string;
  /** Sent as `PAYPAL-CERT-URL`; your test's `fetchCertificate` should return the certificate for it. */
  certUrl?: string;
  /** A payload to serialise (default: a `PAYMENT.CAPTURE.COMPLETED` event), or the exact body. */
  payload?: unknown;
  body?: string | Uint8Array;
  transmissionId?: string;
  /** Default: now. */
  transmissionTime?: Date | string;
  url?: string;
}

export const TEST_CERT_URL = 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-hookwire-test';

/** Builds a `WebhookRequest` signed as PayPal signs webhooks (SHA256withRSA), for testing your handlers. */
export function signPayPalRequest(input: SignPayPalRequestInput): WebhookRequest {
  const body = Buffer.from(input.body ?? JSON.stringify(input.payload ?? samplePayload()));
  const transmissionId = input.transmissionId ?? randomUUID();
  const time = input.transmissionTime ?? new Date();
  const transmissionTime = typeof time === 'string' ? time : time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const message = `${transmissionId}|${transmissionTime}|${input.webhookId}|${crc32(body)}`;
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-time': transmissionTime,
      'paypal-transmission-sig': sign('sha256', Buffer.from(message), input.certificate.privateKey).toString(
        'base64',
      ),
      'paypal-cert-url': input.certUrl ?? TEST_CERT_URL,
      'paypal-auth-algo': 'SHA256withRSA',
    },
  });
}

function samplePayload(): unknown {
  return {
    id: `WH-${randomUUID().replace(/-/g, '').slice(0, 17).toUpperCase()}`,
    event_version: '1.0',
    create_time: new Date().toISOString(),
    resource_type: 'capture',
    resource_version: '2.0',
    event_type: 'PAYMENT.CAPTURE.COMPLETED',
    summary: 'Payment completed for $ 10.0 USD',
    resource: {
      id: '2GG279541U471931P',
      status: 'COMPLETED',
      amount: { currency_code: 'USD', value: '10.00' },
      custom_id: 'order-1',
      create_time: new Date().toISOString(),
      update_time: new Date().toISOString(),
    },
  };
}
