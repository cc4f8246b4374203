import type { WebhookRequest } from '@hookwire/core';
import { signStandardWebhookRequest } from '@hookwire/standard-webhooks/testing';

export interface SignClerkRequestInput {
  /** The endpoint secret (`whsec_…`); an array adds one signature per secret. */
  secret: string | string[];
  /** An event to serialise (`{ type, object: 'event', data, … }`), or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** The `svix-id` (default a random `msg_…`). */
  id?: string;
  /** Unix seconds (default now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Clerk (through Svix) signs it, for testing your handlers. */
export function signClerkRequest(input: SignClerkRequestInput): WebhookRequest {
  return signStandardWebhookRequest({ ...input, headerPrefix: 'svix' });
}
