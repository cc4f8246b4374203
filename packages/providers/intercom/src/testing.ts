import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignIntercomRequestInput {
  secret: string;
  /** The notification `topic`, e.g. `conversation.user.created`, used when `body` is not given. */
  topic?: string;
  /** `data.item`, used when `body` is not given. */
  item?: unknown;
  /** The exact body bytes; overrides `topic` and `item`. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Intercom signs it, for testing your handlers. */
export function signIntercomRequest(input: SignIntercomRequestInput): WebhookRequest {
  const now = Math.floor(Date.now() / 1000);
  const body =
    input.body ??
    JSON.stringify({
      type: 'notification_event',
      app_id: 'test_app',
      data: { type: 'notification_event_data', item: input.item ?? {} },
      id: `notif_${randomUUID()}`,
      topic: input.topic ?? 'ping',
      delivery_attempts: 1,
      first_sent_at: now,
      delivered_at: 0,
      created_at: now,
    });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'intercom-parrot-service-client/1.0',
      'x-hub-signature': `sha1=${hmacHex('sha1', input.secret, body)}`,
    },
  });
}
