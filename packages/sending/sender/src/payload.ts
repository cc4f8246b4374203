import { hmac, isRecord, signStandardWebhook } from '@hookwire/core';
import type { StoredEvent, Subscription } from './types.js';

export interface OutgoingRequest {
  headers: Record<string, string>;
  body: string;
}

/** Secrets that still sign at `now`: the current one and those in their rotation grace period. */
export function activeSecrets(subscription: Subscription, now: number): string[] {
  return subscription.secrets
    .filter((secret) => secret.expiresAt === undefined || secret.expiresAt > now)
    .map((secret) => secret.secret);
}

/** The Standard Webhooks body: `{"type","timestamp","data"}`, timestamp as ISO 8601 of publication. */
export function standardBody(event: StoredEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: new Date(event.createdAt).toISOString(),
    data: event.data,
  });
}

/**
 * One ASP.NET notification: `Action` from the event, then the fields of an object `data` (any
 * other data as `Data`). The envelope's fields come from the event: ASP.NET reads notification
 * keys case-insensitively, so no `data` key spelled like `Action` may replace the event's type.
 */
function notificationOf(event: StoredEvent): Record<string, unknown> {
  if (!isRecord(event.data)) return { Action: event.type, Data: event.data };
  const notification: Record<string, unknown> = { Action: event.type };
  for (const [key, value] of Object.entries(event.data)) {
    if (key.toLowerCase() === 'action') continue;
    // defineProperty: a `__proto__` key of the data stays a plain field.
    Object.defineProperty(notification, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return notification;
}

/**
 * The request of one attempt. Standard Webhooks: `webhook-id` is the event id (the same for every
 * subscriber and every retry, so receivers can deduplicate), `webhook-timestamp` the attempt time
 * and one `v1,` signature per active secret (`v1a,` per active `whsk_` key for ed25519). ASP.NET: the `{ Id, Attempt, Properties,
 * Notifications }` body signed as `ms-signature: sha256=<HEX>` with the secret's UTF-8 bytes as
 * the key, as the ASP.NET WebHooks custom receiver checks it.
 */
export function buildRequest(input: {
  event: StoredEvent;
  subscription: Subscription;
  attempt: number;
  now: number;
  userAgent: string;
  /** Precomputed standard body (shared by every subscriber of the event). */
  body?: string | undefined;
}): OutgoingRequest {
  const { event, subscription, now } = input;
  const secrets = activeSecrets(subscription, now);
  const headers: Record<string, string> = {
    ...subscription.headers,
    'content-type': 'application/json',
    'user-agent': input.userAgent,
  };
  if (subscription.format === 'aspnet') {
    const notification = notificationOf(event);
    const body = JSON.stringify({
      Id: event.id,
      Attempt: input.attempt,
      Properties: subscription.metadata,
      Notifications: [notification],
    });
    // The ASP.NET receiver takes one signature: the current secret's.
    headers['ms-signature'] = `sha256=${hmac('sha256', secrets[0] ?? '', body)
      .toString('hex')
      .toUpperCase()}`;
    return { headers, body };
  }
  const body = input.body ?? standardBody(event);
  const timestamp = Math.floor(now / 1000);
  headers['webhook-id'] = event.id;
  headers['webhook-timestamp'] = String(timestamp);
  // ed25519 subscriptions keep `whsk_` signing keys as their secrets: `v1a` entries. Core keeps
  // each `whsec_` secret's decoded key, so a subscription's attempts decode it once.
  headers['webhook-signature'] =
    subscription.signing === 'ed25519'
      ? signStandardWebhook({ id: event.id, timestamp, body, signingKeys: secrets })
      : signStandardWebhook({ id: event.id, timestamp, body, secrets });
  return { headers, body };
}
