import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignIntercomRequestInput extends SignerInput {
  /** The notification `topic`, e.g. `conversation.user.created`, used when `body` is not given. */
  topic?: string;
  /** `data.item`, used when `body` is not given. */
  item?: unknown;
}

/** Builds a `WebhookRequest` signed as Intercom signs it, for testing your handlers. */
export function signIntercomRequest(input: SignIntercomRequestInput): WebhookRequest {
  const now = Math.floor(Date.now() / 1000);
  return createHmacSignedRequest(input, {
    header: 'x-hub-signature',
    algorithm: 'sha1',
    prefix: 'sha1=',
    payload: {
      type: 'notification_event',
      app_id: 'test_app',
      data: { type: 'notification_event_data', item: input.item ?? {} },
      id: `notif_${randomUUID()}`,
      topic: input.topic ?? 'ping',
      delivery_attempts: 1,
      first_sent_at: now,
      delivered_at: 0,
      created_at: now,
    },
    headers: {
      'user-agent': 'intercom-parrot-service-client/1.0',
    },
  });
}
