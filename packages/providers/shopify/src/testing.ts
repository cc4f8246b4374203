import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';

export interface SignShopifyRequestInput {
  /** The app's client secret. */
  secret: string;
  /** The `X-Shopify-Topic`, e.g. `orders/create`. */
  topic: string;
  /** A payload to serialise, or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  webhookId?: string;
  eventId?: string;
  shopDomain?: string;
  apiVersion?: string;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Shopify signs it, for testing your handlers. */
export function signShopifyRequest(input: SignShopifyRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {});
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': input.topic,
      'x-shopify-hmac-sha256': hmacBase64('sha256', input.secret, body),
      'x-shopify-shop-domain': input.shopDomain ?? 'hookwire-test.myshopify.com',
      'x-shopify-api-version': input.apiVersion ?? '2025-07',
      'x-shopify-webhook-id': input.webhookId ?? randomUUID(),
      'x-shopify-event-id': input.eventId ?? randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    },
  });
}
