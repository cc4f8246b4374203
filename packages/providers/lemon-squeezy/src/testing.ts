import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignLemonSqueezyRequestInput extends SignerInput {
  /** `meta.event_name` and the `X-Event-Name` header, e.g. `order_created`. */
  event: string;
  /** The `data` resource object, used when `body` is not given. */
  data?: unknown;
  /** Extra `meta` fields (`custom_data`, `test_mode`). */
  meta?: Record<string, unknown>;
}

/** Builds a `WebhookRequest` signed as Lemon Squeezy signs it, for testing your handlers. */
export function signLemonSqueezyRequest(input: SignLemonSqueezyRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-signature',
    payload: {
      meta: { event_name: input.event, test_mode: true, ...input.meta },
      data: input.data ?? { type: 'orders', id: '1', attributes: {} },
    },
    headers: {
      'x-event-name': input.event,
    },
  });
}
