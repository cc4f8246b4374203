import { defineSignedProvider } from '@hookwire/core';
import type { CoinbaseCommerceEvents } from './events.js';
import type { CoinbaseCommerceOptions } from './options.js';

export type * from './events.js';
export type { CoinbaseCommerceOptions } from './options.js';

/**
 * A receiver for Coinbase Commerce webhooks: verifies `X-CC-Webhook-Signature` (hex HMAC-SHA256 of
 * the raw body under the shared secret) and names events by `event.type` (`charge:confirmed`),
 * with `event.id` as id.
 *
 * @example
 * const receiver = coinbaseCommerce({ secret: process.env.COINBASE_COMMERCE_WEBHOOK_SECRET! });
 * receiver.on('charge:confirmed', (event) => fulfil(event.payload.event.data.metadata));
 */
export const coinbaseCommerce = defineSignedProvider<CoinbaseCommerceEvents, CoinbaseCommerceOptions>({
  title: 'Coinbase Commerce',
  signature: 'X-CC-Webhook-Signature',
  // The body is one delivery: its `event` is what happened, its own id names the delivery.
  event: {
    name: 'event.type',
    id: 'event.id',
    meta: (delivery) => ({
      deliveryId: delivery.id,
      attemptNumber: delivery.attempt_number,
      scheduledFor: delivery.scheduled_for,
    }),
  },
});
