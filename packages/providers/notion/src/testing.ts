import { randomBytes, randomUUID } from 'node:crypto';
import {
  createHmacSignedRequest,
  createWebhookRequest,
  type SignerInput,
  type WebhookRequest,
} from '@hookwire/core';

export interface SignNotionRequestInput extends SignerInput {
  /** The subscription's verification_token. */
  secret: string;
  /** The event `type` (default `page.created`), when the body is built here. */
  type?: string;
  /** Fields to merge into the generated event. */
  event?: Record<string, unknown>;
}

/** Builds an event delivery signed as Notion signs them, for testing your handlers. */
export function signNotionRequest(input: SignNotionRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-notion-signature',
    prefix: 'sha256=',
    payload: {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      workspace_id: randomUUID(),
      subscription_id: randomUUID(),
      integration_id: randomUUID(),
      type: input.type ?? 'page.created',
      authors: [{ id: randomUUID(), type: 'person' }],
      attempt_number: 1,
      entity: { id: randomUUID(), type: 'page' },
      data: {},
      ...input.event,
    },
  });
}

/** Builds the unsigned verification request Notion sends when a subscription is created. */
export function createNotionVerificationRequest(
  input: { token?: string; url?: string } = {},
): WebhookRequest {
  const token = input.token ?? `secret_${randomBytes(32).toString('base64url')}`;
  return createWebhookRequest({
    url: input.url,
    body: JSON.stringify({ verification_token: token }),
    headers: { 'content-type': 'application/json' },
  });
}
