import { randomBytes } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';
import type { AsanaEvent } from './events.js';

export interface SignAsanaRequestInput {
  /** The X-Hook-Secret of the webhook. */
  secret: string;
  /** Events to send (default none: a heartbeat). */
  events?: Partial<AsanaEvent>[];
  /** The exact body bytes, instead of `events`. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds an event delivery signed as Asana signs them, for testing your handlers. */
export function signAsanaRequest(input: SignAsanaRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify({ events: input.events ?? [] });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-hook-signature': hmacHex('sha256', input.secret, body),
    },
  });
}

/** Builds the handshake Asana sends when a webhook is created (a new random secret by default). */
export function createAsanaHandshake(input: { secret?: string; url?: string } = {}): WebhookRequest {
  return createWebhookRequest({
    url: input.url,
    headers: { 'x-hook-secret': input.secret ?? randomBytes(32).toString('hex') },
  });
}
