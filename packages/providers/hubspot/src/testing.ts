import { createHash } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';
import { v3Uri } from './url.js';

export interface SignHubSpotRequestInput {
  /** The app's client secret. */
  secret: string;
  /** The full URL HubSpot calls. */
  url: string;
  /** Events to serialise (HubSpot posts an array), or the exact body. */
  events?: unknown[];
  body?: string | Uint8Array;
  /** Which signature to send (default `v3`, with the v1 hash alongside as HubSpot does). */
  version?: 'v1' | 'v2' | 'v3';
  /** Milliseconds since the epoch, for v3 (default: now). */
  timestamp?: number;
  /** `GET`, as a workflow's "Send a webhook" action may send: no body, data in the URL's query. */
  method?: 'POST' | 'GET';
}

/** Builds a `WebhookRequest` signed as HubSpot signs webhook requests. */
export function signHubSpotRequest(input: SignHubSpotRequestInput): WebhookRequest {
  const method = input.method ?? 'POST';
  const body =
    method === 'GET' ? Buffer.alloc(0) : Buffer.from(input.body ?? JSON.stringify(input.events ?? []));
  const version = input.version ?? 'v3';
  const legacy = version === 'v2' ? 'v2' : 'v1';
  const hash = createHash('sha256').update(input.secret);
  if (legacy === 'v2') hash.update(method).update(input.url);
  const headers: Record<string, string> = {
    ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
    'x-hubspot-signature-version': legacy,
    'x-hubspot-signature': hash.update(body).digest('hex'),
  };
  if (version === 'v3') {
    const timestamp = String(input.timestamp ?? Date.now());
    headers['x-hubspot-request-timestamp'] = timestamp;
    headers['x-hubspot-signature-v3'] = hmacBase64(
      'sha256',
      input.secret,
      method,
      v3Uri(input.url),
      body,
      timestamp,
    );
  }
  return createWebhookRequest({ method, url: input.url, body, headers });
}
