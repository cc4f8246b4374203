import type { WebhookRequest } from '@hookwire/core';
import { type SignSvixRequestInput, signSvixRequest } from '@hookwire/standard-webhooks/testing';

/**
 * The endpoint secret(s) (`whsec_…`), an event (`{ type, object: 'event', data, … }`) or the exact
 * body, the `svix-id` and unix seconds.
 */
export type SignClerkRequestInput = SignSvixRequestInput;

/** Builds a `WebhookRequest` signed as Clerk (through Svix) signs it, for testing your handlers. */
export function signClerkRequest(input: SignClerkRequestInput): WebhookRequest {
  return signSvixRequest(input);
}
