import { randomBytes } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignMailgunRequestInput {
  /** The HTTP webhook signing key. */
  secret: string;
  /** `event-data` (JSON) or the form fields (form), signed alongside. */
  eventData?: Record<string, unknown>;
  /** Signing time in Unix seconds (default: now). */
  timestamp?: number;
  /** The 50-character random token (default: a fresh one). */
  token?: string;
  /** `json` (current webhooks, default) or `form` (legacy webhooks and routes, url-encoded). */
  format?: 'json' | 'form';
  url?: string;
}

/** Builds a `WebhookRequest` signed as Mailgun signs it, for testing your handlers. */
export function signMailgunRequest(input: SignMailgunRequestInput): WebhookRequest {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const token = input.token ?? randomBytes(25).toString('hex');
  const signature = hmacHex('sha256', input.secret, timestamp, token);
  const eventData = input.eventData ?? { id: randomBytes(8).toString('hex'), event: 'delivered' };
  if (input.format === 'form') {
    const fields = new URLSearchParams({ ...stringValues(eventData), timestamp, token, signature });
    return createWebhookRequest({
      url: input.url,
      body: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  return createWebhookRequest({
    url: input.url,
    body: JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData }),
    headers: { 'content-type': 'application/json' },
  });
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));
}
