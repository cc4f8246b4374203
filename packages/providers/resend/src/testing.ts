import type { WebhookRequest } from '@hookwire/core';
import { type SignSvixRequestInput, signSvixRequest } from '@hookwire/standard-webhooks/testing';

/**
 * The webhook secret(s) (`whsec_…`), an event (`{ type, created_at, data }`) or the exact body, the
 * `svix-id` and unix seconds.
 */
export type SignResendRequestInput = SignSvixRequestInput;

/** Builds a `WebhookRequest` signed as Resend (through Svix) signs it, for testing your handlers. */
export function signResendRequest(input: SignResendRequestInput): WebhookRequest {
  return signSvixRequest(input);
}
