import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignTypeformRequestInput extends SignerInput {
  /** `event_type` (default `form_response`), used when `body` is not given. */
  eventType?: string;
  /** `form_response`, used when `body` is not given. */
  formResponse?: Record<string, unknown>;
  eventId?: string;
}

/** Builds a `WebhookRequest` signed as Typeform signs it, for testing your handlers. */
export function signTypeformRequest(input: SignTypeformRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'typeform-signature',
    encoding: 'base64',
    prefix: 'sha256=',
    payload: {
      event_id: input.eventId ?? randomUUID(),
      event_type: input.eventType ?? 'form_response',
      form_response: { form_id: 'test', answers: [], ...input.formResponse },
    },
    headers: {
      'user-agent': 'Typeform Webhooks',
    },
  });
}
