import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignShopifyRequestInput extends SignerInput {
  /** The app's client secret. */
  secret: string;
  /** The `X-Shopify-Topic`, e.g. `orders/create`. */
  topic: string;
  /** A payload to serialise, or the exact body bytes. */
  payload?: unknown;
  webhookId?: string;
  eventId?: string;
  shopDomain?: string;
  apiVersion?: string;
}

/** Builds a `WebhookRequest` signed as Shopify signs it, for testing your handlers. */
export function signShopifyRequest(input: SignShopifyRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-shopify-hmac-sha256',
    encoding: 'base64',
    payload: input.payload,
    headers: {
      'x-shopify-topic': input.topic,
      'x-shopify-shop-domain': input.shopDomain ?? 'hookwire-test.myshopify.com',
      'x-shopify-api-version': input.apiVersion ?? '2025-07',
      'x-shopify-webhook-id': input.webhookId ?? randomUUID(),
      'x-shopify-event-id': input.eventId ?? randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    },
  });
}
