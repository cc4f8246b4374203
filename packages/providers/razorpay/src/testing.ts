import { randomBytes } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignRazorpayRequestInput extends SignerInput {
  /** The body's `event`, e.g. `payment.captured`, used when `body` is not given. */
  event?: string;
  /** The body's `payload` (`{ payment: { entity } }`), used when `body` is not given. */
  payload?: Record<string, unknown>;
  /** `X-Razorpay-Event-Id` (default: a random id). */
  eventId?: string;
}

/** Builds a `WebhookRequest` signed as Razorpay signs it, for testing your handlers. */
export function signRazorpayRequest(input: SignRazorpayRequestInput): WebhookRequest {
  const payload = input.payload ?? {};
  return createHmacSignedRequest(input, {
    header: 'x-razorpay-signature',
    payload: {
      entity: 'event',
      account_id: 'acc_test',
      event: input.event ?? 'payment.captured',
      contains: Object.keys(payload),
      payload,
      created_at: Math.floor(Date.now() / 1000),
    },
    headers: {
      'x-razorpay-event-id': input.eventId ?? randomBytes(7).toString('hex'),
    },
  });
}
