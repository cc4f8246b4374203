import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignVercelRequestInput extends SignerInput {
  /** The event `type`, e.g. `deployment.succeeded`, used when `body` is not given. */
  type?: string;
  /** The event's `payload` object, used when `body` is not given. */
  payload?: unknown;
  id?: string;
}

/** Builds a `WebhookRequest` signed as Vercel signs it, for testing your handlers. */
export function signVercelRequest(input: SignVercelRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-vercel-signature',
    algorithm: 'sha1',
    payload: {
      id: input.id ?? randomUUID(),
      type: input.type ?? 'deployment.created',
      createdAt: Date.now(),
      payload: input.payload ?? {},
    },
  });
}
