import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignPusherRequestInput extends SignerInput {
  /** The app key sent in `X-Pusher-Key`. */
  key: string;
  /** That key's secret. */
  secret: string;
  /** Events to send (default: one `channel_occupied`). */
  events?: { name: string; [key: string]: unknown }[];
  /** The signed creation time in milliseconds (default: now). */
  timeMs?: number;
}

/** Builds a `WebhookRequest` signed as Pusher Channels signs webhooks, for testing your handlers. */
export function signPusherRequest(input: SignPusherRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-pusher-signature',
    payload: {
      time_ms: input.timeMs ?? Date.now(),
      events: input.events ?? [{ name: 'channel_occupied', channel: 'test-channel' }],
    },
    headers: {
      'x-pusher-key': input.key,
    },
  });
}
