import { defineProvider, type EventMap, type Receiver } from '@hookwire/core';
import type { StripeEvents } from './events.js';
import type { StripeOptions } from './options.js';
import { parseStripeEvent } from './parse.js';
import { prepareStripeSecrets } from './secrets.js';
import { verifyStripeSignature } from './verify.js';

export type * from './events.js';
export { parseStripeSignature, type StripeSignatureHeader } from './header.js';
export type { StripeOptions } from './options.js';

const createReceiver = defineProvider<StripeOptions, { secrets: string[] }, StripeEvents>({
  title: 'Stripe',
  // Stripe's SDKs default to 300 s (DEFAULT_TOLERANCE).
  tolerance: 300,
  setup: (options) => ({ secrets: prepareStripeSecrets(options.secret) }),
  verify: verifyStripeSignature,
  parse: parseStripeEvent,
});

/**
 * A receiver for Stripe webhooks: verifies `Stripe-Signature` (`t=…,v1=…`, HMAC-SHA256 of
 * `t.body` keyed with the `whsec_` secret as text) and a 5-minute window, names events by their
 * `type` (`checkout.session.completed`) with the `evt_…` id.
 *
 * @example
 * const receiver = stripe({ secret: process.env.STRIPE_WEBHOOK_SECRET! });
 * receiver.on('checkout.session.completed', (event) => fulfil(event.payload.data.object.id));
 */
export function stripe<TEvents extends EventMap = StripeEvents>(
  options: StripeOptions,
): Receiver<TEvents, StripeOptions> {
  return createReceiver(options) as unknown as Receiver<TEvents, StripeOptions>;
}
