import { randomUUID } from 'node:crypto';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import type { OktaLogEvent } from './events.js';

export interface CreateOktaRequestInput {
  /** The authentication header value configured on the event hook. */
  secret: string;
  /** The authentication header name (default `authorization`). */
  headerName?: string;
  /** System Log events to deliver (missing fields are filled in). */
  events?: Partial<OktaLogEvent>[];
  /** The exact body bytes, instead of `events`. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds an event hook delivery as Okta sends them, for testing your handlers. */
export function createOktaRequest(input: CreateOktaRequestInput): WebhookRequest {
  const events = (input.events ?? [{ eventType: 'user.lifecycle.create' }]).map((event) => ({
    uuid: randomUUID(),
    published: new Date().toISOString(),
    version: '0',
    severity: 'INFO',
    ...event,
  }));
  const body =
    input.body ??
    JSON.stringify({
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      source: 'https://example.okta.com/api/v1/eventHooks/whoTestHook',
      eventId: randomUUID(),
      data: { events },
      eventTime: new Date().toISOString(),
      contentType: 'application/json',
    });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Okta-Integrations',
      [input.headerName ?? 'authorization']: input.secret,
    },
  });
}

/** Builds the one-time verification GET Okta sends when an event hook is verified. */
export function createOktaVerificationRequest(input: {
  secret: string;
  headerName?: string;
  challenge?: string;
  url?: string;
}): WebhookRequest {
  return createWebhookRequest({
    method: 'GET',
    url: input.url,
    headers: {
      accept: 'application/json',
      'user-agent': 'Okta-Integrations',
      'x-okta-verification-challenge': input.challenge ?? randomUUID(),
      [input.headerName ?? 'authorization']: input.secret,
    },
  });
}
