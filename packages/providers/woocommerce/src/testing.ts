import { randomBytes } from 'node:crypto';
import {
  createHmacSignedRequest,
  createWebhookRequest,
  type SignerInput,
  type WebhookRequest,
} from '@hookwire/core';

export interface SignWooCommerceRequestInput extends SignerInput {
  /** `X-WC-Webhook-Topic`, e.g. `order.created`. */
  topic: string;
  payload?: unknown;
  webhookId?: number;
  deliveryId?: string;
  /** `X-WC-Webhook-Source`, the shop's home URL. */
  source?: string;
}

/** Builds a `WebhookRequest` signed as WooCommerce signs a delivery. */
export function signWooCommerceRequest(input: SignWooCommerceRequestInput): WebhookRequest {
  const [resource = '', event = ''] = input.topic.split('.', 2);
  return createHmacSignedRequest(input, {
    header: 'x-wc-webhook-signature',
    encoding: 'base64',
    payload: input.payload,
    headers: {
      'user-agent': 'WooCommerce/9.0.0 Hookshot (WordPress/6.5)',
      'x-wc-webhook-source': input.source ?? 'https://shop.example.com/',
      'x-wc-webhook-topic': input.topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-id': String(input.webhookId ?? 1),
      'x-wc-webhook-delivery-id': input.deliveryId ?? randomBytes(16).toString('hex'),
    },
  });
}

/** The unsigned ping WooCommerce sends when a webhook is saved. */
export function createWooCommercePing(input: { webhookId?: number; url?: string } = {}): WebhookRequest {
  return createWebhookRequest({
    url: input.url,
    body: `webhook_id=${input.webhookId ?? 1}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'WooCommerce/9.0.0 Hookshot (WordPress/6.5)',
    },
  });
}
