import {
  defineSignedProvider,
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { RazorpayEvents } from './events.js';
import type { RazorpayOptions } from './options.js';

export type {
  RazorpayEventName,
  RazorpayEvents,
  RazorpayOrder,
  RazorpayPayment,
  RazorpayRefund,
  RazorpaySubscription,
  RazorpayWebhook,
} from './events.js';
export type { RazorpayOptions } from './options.js';

const SIGNATURE_HEADER = 'X-Razorpay-Signature';

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
  name: 'razorpay',
  title: 'Razorpay',
  signature: {
    header: SIGNATURE_HEADER,
    algorithm: 'sha256',
    encoding: 'hex',
    hint: 'Razorpay signs webhooks that have a secret set in the Dashboard.',
  },
  parse: parseRazorpayEvent,
});

function parseRazorpayEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Razorpay');
  const fields = isRecord(body) ? body : {};
  return {
    name: requireString(fields.event, 'event', 'Razorpay'),
    // Razorpay keeps the event id across retries of one event: the dedupe key.
    id: getHeader(request, 'X-Razorpay-Event-Id'),
    payload: body,
    meta: { accountId: fields.account_id, createdAt: fields.created_at },
  };
}
