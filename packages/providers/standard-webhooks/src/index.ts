import type { EventMap, Receiver } from '@hookwire/core';
import { defineStandardWebhooksProvider } from './define.js';
import type { StandardWebhooksOptions } from './options.js';

export { defineStandardWebhooksProvider, type StandardProviderFacts } from './define.js';
export { readStandardHeaders, type StandardHeaderPrefix, type StandardHeaders } from './headers.js';
export type { StandardWebhookPayload, StandardWebhooksOptions } from './options.js';
export { UNTYPED_EVENT } from './parse.js';

const createReceiver = defineStandardWebhooksProvider<StandardWebhooksOptions>({
  title: 'Standard Webhooks',
  // The spec's names first; Svix's branded names as a fallback.
  headerPrefixes: ['webhook', 'svix'],
});

/**
 * A receiver for [Standard Webhooks](https://www.standardwebhooks.com): verifies `v1` (HMAC-SHA256,
 * `whsec_` secret) and `v1a` (ed25519, `whpk_` public key) signatures over
 * `webhook-id.webhook-timestamp.body`, rejects timestamps more than `tolerance` seconds off either
 * way, names events by the body's `type` and uses `webhook-id` as the event id. `svix-*` headers
 * are read when no `webhook-*` header is present.
 *
 * @example
 * const receiver = standardWebhooks<{ 'invoice.paid': { type: 'invoice.paid'; data: Invoice } }>({
 *   secret: process.env.WEBHOOK_SECRET!,
 * });
 * receiver.on('invoice.paid', (event) => console.log(event.payload.data));
 */
export function standardWebhooks<TEvents extends EventMap = EventMap>(
  options: StandardWebhooksOptions,
): Receiver<TEvents, StandardWebhooksOptions> {
  return createReceiver(options) as unknown as Receiver<TEvents, StandardWebhooksOptions>;
}
