import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignLinearRequestInput extends SignerInput {
  /** The entity type, e.g. `Issue` (the `Linear-Event` header and body `type`), used when `body` is not given. */
  type?: string;
  /** `create`, `update` or `remove`, used when `body` is not given. */
  action?: string;
  /** The entity, used when `body` is not given. */
  data?: unknown;
  /** `webhookTimestamp` in ms (default: now), used when `body` is not given. */
  timestamp?: number;
  deliveryId?: string;
}

/** Builds a `WebhookRequest` signed as Linear signs it, for testing your handlers. */
export function signLinearRequest(input: SignLinearRequestInput): WebhookRequest {
  const timestamp = input.timestamp ?? Date.now();
  const type = input.type ?? 'Issue';
  return createHmacSignedRequest(input, {
    header: 'linear-signature',
    payload: {
      action: input.action ?? 'create',
      type,
      data: input.data ?? {},
      url: 'https://linear.app/test',
      createdAt: new Date(timestamp).toISOString(),
      organizationId: 'org_test',
      webhookId: 'webhook_test',
      webhookTimestamp: timestamp,
    },
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'linear-delivery': input.deliveryId ?? randomUUID(),
      'linear-event': type,
    },
  });
}
