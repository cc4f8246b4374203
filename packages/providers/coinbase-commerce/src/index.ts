import {
  defineSignedProvider,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { CoinbaseCommerceEvents } from './events.js';
import type { CoinbaseCommerceOptions } from './options.js';

export type {
  CoinbaseCommerceCharge,
  CoinbaseCommerceEventName,
  CoinbaseCommerceEvents,
  CoinbaseCommerceWebhook,
} from './events.js';
export type { CoinbaseCommerceOptions } from './options.js';

const SIGNATURE_HEADER = 'X-CC-Webhook-Signature';

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
  name: 'coinbase-commerce',
  title: 'Coinbase Commerce',
  signature: {
    header: SIGNATURE_HEADER,
    algorithm: 'sha256',
    encoding: 'hex',
    hint: 'Coinbase Commerce signs every webhook; is this request from Coinbase Commerce?',
  },
  parse: parseCoinbaseCommerceEvent,
});

function parseCoinbaseCommerceEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Coinbase Commerce');
  const delivery = isRecord(body) ? body : {};
  const event = isRecord(delivery.event) ? delivery.event : {};
  return {
    name: requireString(event.type, 'event.type', 'Coinbase Commerce'),
    id: requireString(event.id, 'event.id', 'Coinbase Commerce'),
    payload: body,
    meta: {
      deliveryId: delivery.id,
      attemptNumber: delivery.attempt_number,
      scheduledFor: delivery.scheduled_for,
    },
  };
}
