import { type BaseReceiverOptions, defineProvider, normalizeSecrets } from '@hookwire/core';
import type { WooCommerceEvents } from './events.js';
import { answerWooCommercePing } from './handshake.js';
import { parseWooCommerceDelivery } from './parse.js';
import { signingKeys, verifyWooCommerceSignature } from './verify.js';

export type * from './events.js';

export interface WooCommerceOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The webhook's Secret (WooCommerce → Settings → Advanced → Webhooks); an array during a rotation. */
  secret: string | string[];
}

/**
 * A receiver for WooCommerce webhooks: verifies `X-WC-Webhook-Signature` (base64 HMAC-SHA256 of the
 * raw body), names events by topic (`order.created`), uses `X-WC-Webhook-Delivery-ID` as the id, and
 * answers the unsigned `webhook_id=<id>` ping WooCommerce sends when a webhook is saved.
 *
 * @example
 * const receiver = woocommerce({ secret: process.env.WOOCOMMERCE_WEBHOOK_SECRET! });
 * receiver.on('order.created', (event) => console.log(event.payload.number, event.payload.total));
 */
export const woocommerce = defineProvider<WooCommerceOptions, { keys: string[] }, WooCommerceEvents>({
  title: 'WooCommerce',
  setup: (options) => ({ keys: signingKeys(normalizeSecrets(options.secret, 'WooCommerce')) }),
  handshake: answerWooCommercePing,
  verify: (request, { state }) => verifyWooCommerceSignature(request, state.keys),
  parse: parseWooCommerceDelivery,
});
