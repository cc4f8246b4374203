import { defineSignedProvider } from '@hookwire/core';
import type { RazorpayEvents } from './events.js';
import type { RazorpayOptions } from './options.js';

export type * from './events.js';
export type { RazorpayOptions } from './options.js';

/**
 * A receiver for Razorpay webhooks: verifies `X-Razorpay-Signature` (hex HMAC-SHA256 of the raw
 * body under the webhook secret) and names events by the body's `event` (`payment.captured`), with
 * `X-Razorpay-Event-Id` as id.
 *
 * @example
 * const receiver = razorpay({ secret: process.env.RAZORPAY_WEBHOOK_SECRET!, dedupe: true });
 * receiver.on('payment.captured', (event) => markPaid(event.payload.payload.payment.entity.order_id));
 */
export const razorpay = defineSignedProvider<RazorpayEvents, RazorpayOptions>({
  title: 'Razorpay',
  signature: 'X-Razorpay-Signature',
  hint: 'Razorpay signs webhooks that have a secret set in the Dashboard.',
  event: {
    name: 'event',
    // Razorpay keeps the event id across retries of one event: the dedupe key.
    id: { header: 'X-Razorpay-Event-Id' },
    meta: (body) => ({ accountId: body.account_id, createdAt: body.created_at }),
  },
});
