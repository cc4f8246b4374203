import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignTwitchRequestInput {
  /** The subscription's secret. */
  secret: string;
  /** `notification` (default), `webhook_callback_verification` or `revocation`. */
  messageType?: 'notification' | 'webhook_callback_verification' | 'revocation';
  /** The subscription type, e.g. `channel.follow` (also put in the body's `subscription`). */
  subscriptionType: string;
  subscriptionVersion?: string;
  /** The `event` of a notification, or the challenge of a verification. */
  event?: unknown;
  challenge?: string;
  /** The exact body instead. */
  body?: string | Uint8Array;
  messageId?: string;
  /** The timestamp header, RFC 3339 (default: now, with nanoseconds as Twitch writes it). */
  timestamp?: string | Date;
  retry?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Twitch signs EventSub webhook messages. */
export function signTwitchRequest(input: SignTwitchRequestInput): WebhookRequest {
  const messageType = input.messageType ?? 'notification';
  const version = input.subscriptionVersion ?? '1';
  const subscription = {
    id: randomUUID(),
    status: messageType === 'revocation' ? 'authorization_revoked' : 'enabled',
    type: input.subscriptionType,
    version,
    cost: 0,
    condition: {},
    transport: { method: 'webhook', callback: input.url ?? 'https://example.com/webhooks' },
    created_at: new Date().toISOString(),
  };
  const payload =
    messageType === 'webhook_callback_verification'
      ? { challenge: input.challenge ?? randomUUID(), subscription }
      : messageType === 'revocation'
        ? { subscription }
        : { subscription, event: input.event ?? {} };
  const body = input.body ?? JSON.stringify(payload);
  const id = input.messageId ?? randomUUID();
  const timestamp =
    typeof input.timestamp === 'string'
      ? input.timestamp
      : (input.timestamp ?? new Date()).toISOString().replace('Z', '000000Z');
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'twitch-eventsub-message-id': id,
      'twitch-eventsub-message-retry': String(input.retry ?? 0),
      'twitch-eventsub-message-type': messageType,
      'twitch-eventsub-message-signature': `sha256=${hmacHex('sha256', input.secret, id, timestamp, body)}`,
      'twitch-eventsub-message-timestamp': timestamp,
      'twitch-eventsub-subscription-type': input.subscriptionType,
      'twitch-eventsub-subscription-version': version,
    },
  });
}
