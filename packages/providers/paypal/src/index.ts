import { defineProvider, timestampWindow, WebhookConfigError } from '@hookwire/core';
import { CertificateCache } from './certificate-cache.js';
import type { PayPalEvents } from './events.js';
import { fetchPayPalCertificate } from './fetch-certificate.js';
import type { PayPalOptions } from './options.js';
import { parsePayPalEvent } from './parse.js';
import { verifyPayPalTransmission } from './verify.js';

export { PAYPAL_CERTIFICATE_HOSTS } from './certificate-url.js';
export type * from './events.js';
export { fetchPayPalCertificate } from './fetch-certificate.js';
export type { PayPalOptions } from './options.js';

interface PayPalState {
  webhookIds: string[];
  certificates: CertificateCache;
}

/**
 * A receiver for PayPal webhooks that verifies the transmission signature offline (no call to
 * PayPal's verify-webhook-signature API): SHA256withRSA over transmission id, time, your webhook id
 * and the CRC-32 of the raw body, with the certificate PayPal serves from its own API hosts
 * (downloaded once per URL, its subject and validity checked). Events are named by `event_type`.
 *
 * @example
 * const receiver = paypal({ webhookId: process.env.PAYPAL_WEBHOOK_ID! });
 * receiver.on('PAYMENT.CAPTURE.COMPLETED', (event) => fulfil(event.payload.resource.custom_id));
 */
export const paypal = defineProvider<PayPalOptions, PayPalState, PayPalEvents>({
  title: 'PayPal',
  setup: (options) => {
    if (options.fetchCertificate !== undefined && typeof options.fetchCertificate !== 'function') {
      throw new WebhookConfigError(
        'PayPal: `fetchCertificate` must be a function (url) => Promise<PEM string>.',
      );
    }
    return {
      webhookIds: normalizeWebhookIds(options.webhookId),
      certificates: new CertificateCache(options.fetchCertificate ?? fetchPayPalCertificate),
    };
  },
  verify: (request, ctx) =>
    verifyPayPalTransmission(request, {
      webhookIds: ctx.state.webhookIds,
      certificates: ctx.state.certificates,
      ...timestampWindow(ctx),
    }),
  parse: parsePayPalEvent,
});

function normalizeWebhookIds(value: string | string[] | undefined): string[] {
  const ids = typeof value === 'string' ? [value] : (value ?? []);
  if (ids.length === 0) {
    throw new WebhookConfigError(
      'PayPal: the `webhookId` option is required (the id of the webhook in your PayPal app).',
    );
  }
  for (const id of ids) {
    if (typeof id !== 'string' || !/^[A-Za-z0-9]+$/.test(id)) {
      throw new WebhookConfigError(
        'PayPal: `webhookId` must be the webhook id as PayPal shows it (letters and digits).',
      );
    }
  }
  return ids;
}
