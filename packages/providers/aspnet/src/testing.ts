import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';
import type { AspNetNotification } from './events.js';

export interface SignAspNetRequestInput {
  secret: string;
  notifications?: AspNetNotification[];
  id?: string;
  attempt?: number;
  properties?: Record<string, unknown>;
  /** The exact body instead (the sender writes indented JSON). */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds a `WebhookRequest` as an ASP.NET WebHooks sender posts a notification batch. */
export function signAspNetRequest(input: SignAspNetRequestInput): WebhookRequest {
  const body =
    input.body ??
    JSON.stringify(
      {
        Id: input.id ?? randomUUID().replace(/-/g, ''),
        Attempt: input.attempt ?? 1,
        Properties: input.properties ?? {},
        Notifications: input.notifications ?? [],
      },
      null,
      2,
    );
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'ms-signature': `sha256=${hmacHex('sha256', input.secret, body).toUpperCase()}`,
    },
  });
}

/** Builds the `GET ?echo=` request the sender uses to verify a registration. */
export function createAspNetEchoRequest(input: { echo?: string; url?: string } = {}): WebhookRequest {
  const url = new URL(input.url ?? 'https://example.com/webhooks/aspnet');
  url.searchParams.set('echo', input.echo ?? randomUUID().replace(/-/g, ''));
  return createWebhookRequest({ method: 'GET', url: url.href });
}
