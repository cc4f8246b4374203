import type { WebhookRequest } from '@hookwire/core';
import { signStandardWebhookRequest } from '@hookwire/standard-webhooks/testing';

export interface SignResendRequestInput {
  /** The webhook secret (`whsec_…`); an array adds one signature per secret. */
  secret: string | string[];
  /** An event to serialise (`{ type, created_at, data }`), or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** The `svix-id` (default a random `msg_…`). */
  id?: string;
  /** Unix seconds (default now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Resend (through Svix) signs it, for testing your handlers. */
export function signResendRequest(input: SignResendRequestInput): WebhookRequest {
  return signStandardWebhookRequest({ ...input, headerPrefix: 'svix' });
}
