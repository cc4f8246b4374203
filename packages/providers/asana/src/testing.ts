import { randomBytes } from 'node:crypto';
import {
  createHmacSignedRequest,
  createWebhookRequest,
  type SignerInput,
  type WebhookRequest,
} from '@hookwire/core';
import type { AsanaEvent } from './events.js';

export interface SignAsanaRequestInput extends SignerInput {
  /** The X-Hook-Secret of the webhook. */
  secret: string;
  /** Events to send (default none: a heartbeat). */
  events?: Partial<AsanaEvent>[];
}

/** Builds an event delivery signed as Asana signs them, for testing your handlers. */
export function signAsanaRequest(input: SignAsanaRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-hook-signature',
    payload: { events: input.events ?? [] },
    headers: {
      'content-type': 'application/json; charset=UTF-8',
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
