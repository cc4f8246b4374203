import {
  defineSignedProvider,
  getHeader,
  type ParsedEvent,
  parseJsonBody,
  record,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { LemonSqueezyEvents } from './events.js';
import type { LemonSqueezyOptions } from './options.js';

export type * from './events.js';
export type { LemonSqueezyOptions } from './options.js';

/**
 * A receiver for Lemon Squeezy webhooks: verifies `X-Signature` (hex HMAC-SHA256 of the raw body)
 * and names events by `meta.event_name` (`order_created`, `subscription_updated`).
 *
 * @example
 * const receiver = lemonSqueezy({ secret: process.env.LEMON_SQUEEZY_WEBHOOK_SECRET! });
 * receiver.on('order_created', (event) => console.log(event.payload.data.attributes.total));
 */
export const lemonSqueezy = defineSignedProvider<LemonSqueezyEvents, LemonSqueezyOptions>({
  title: 'Lemon Squeezy',
  signature: 'X-Signature',
  hint: 'Lemon Squeezy signs every webhook with the signing secret set on it.',
  parse: parseLemonSqueezyEvent,
});

function parseLemonSqueezyEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Lemon Squeezy');
  const meta = record(record(body).meta);
  // meta.event_name is covered by the signature; the X-Event-Name header is not, so it is only a fallback.
  const name = meta.event_name ?? getHeader(request, 'X-Event-Name');
  return {
    name: requireString(name, 'meta.event_name', 'Lemon Squeezy'),
    payload: body,
    meta: { testMode: meta.test_mode === true, webhookId: meta.webhook_id, customData: meta.custom_data },
  };
}
