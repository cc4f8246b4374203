import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignSlackRequestInput {
  secret: string;
  /** A JSON body to serialise (Events API), or form fields to encode (slash commands), or the exact body. */
  payload?: unknown;
  form?: Record<string, string>;
  body?: string | Uint8Array;
  /** Unix seconds (default: now). */
  timestamp?: number;
  /** Adds `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`, as Slack does on a retry. */
  retryNum?: number;
  retryReason?: string;
  url?: string;
}

/**
 * Builds a `WebhookRequest` signed as Slack signs it. `form` sends
 * `application/x-www-form-urlencoded` (for interactivity pass `form: { payload: JSON.stringify(…) }`).
 */
export function signSlackRequest(input: SignSlackRequestInput): WebhookRequest {
  const isForm = input.form !== undefined;
  const body =
    input.body ?? (isForm ? new URLSearchParams(input.form).toString() : JSON.stringify(input.payload ?? {}));
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': `v0=${hmacHex('sha256', input.secret, `v0:${timestamp}:`, body)}`,
      ...(input.retryNum === undefined
        ? {}
        : {
            'x-slack-retry-num': String(input.retryNum),
            'x-slack-retry-reason': input.retryReason ?? 'http_timeout',
          }),
    },
  });
}
