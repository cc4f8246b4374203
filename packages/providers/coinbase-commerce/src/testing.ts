import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignCoinbaseCommerceRequestInput extends SignerInput {
  /** `event.type`, e.g. `charge:confirmed`, used when `body` is not given. */
  type?: string;
  /** `event.data` (a charge), used when `body` is not given. */
  data?: unknown;
  eventId?: string;
}

/** Builds a `WebhookRequest` signed as Coinbase Commerce signs it, for testing your handlers. */
export function signCoinbaseCommerceRequest(input: SignCoinbaseCommerceRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-cc-webhook-signature',
    payload: {
      id: randomUUID(),
      scheduled_for: new Date().toISOString(),
      attempt_number: 1,
      event: {
        id: input.eventId ?? randomUUID(),
        resource: 'event',
        type: input.type ?? 'charge:created',
        api_version: '2018-03-22',
        created_at: new Date().toISOString(),
        data: input.data ?? {},
      },
    },
  });
}
