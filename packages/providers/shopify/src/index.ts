import { defineSignedProvider } from '@hookwire/core';
import type { ShopifyEvents } from './events.js';
import type { ShopifyOptions } from './options.js';
import { parseShopifyEvent } from './parse.js';
import { verifyShopifySignature } from './verify.js';

export type * from './events.js';
export type { ShopifyOptions } from './options.js';

/**
 * A receiver for Shopify webhooks: verifies `X-Shopify-Hmac-Sha256` over the raw body and names
 * events by their topic (`orders/create`, `customers/redact`).
 *
 * @example
 * const receiver = shopify({ secret: process.env.SHOPIFY_API_SECRET! });
 * receiver.on('orders/create', (event) => console.log(event.payload.name));
 */
export const shopify = defineSignedProvider<ShopifyEvents, ShopifyOptions>({
  title: 'Shopify',
  verify: (request, { state }) => verifyShopifySignature(request, state.secrets),
  parse: parseShopifyEvent,
});
