import {
  defineSignedProvider,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { TypeformEvents } from './events.js';
import type { TypeformOptions } from './options.js';

export type {
  TypeformAnswer,
  TypeformEventName,
  TypeformEvents,
  TypeformFormResponse,
  TypeformWebhook,
} from './events.js';
export type { TypeformOptions } from './options.js';

const SIGNATURE_HEADER = 'Typeform-Signature';
const PREFIX = 'sha256=';

/**
 * A receiver for Typeform webhooks: verifies `Typeform-Signature: sha256=<base64>` (HMAC-SHA256 of
 * the raw body under the webhook's secret) and names events by `event_type` (`form_response`),
 * with `event_id` as id.
 *
 * @example
 * const receiver = typeform({ secret: process.env.TYPEFORM_WEBHOOK_SECRET! });
 * receiver.on('form_response', (event) => save(event.payload.form_response.answers));
 */
export const typeform = defineSignedProvider<TypeformEvents, TypeformOptions>({
  name: 'typeform',
  title: 'Typeform',
  signature: {
    header: SIGNATURE_HEADER,
    algorithm: 'sha256',
    encoding: 'base64',
    prefix: PREFIX,
    hint: 'Typeform signs only webhooks that have a secret: set one on the webhook.',
  },
  parse: parseTypeformEvent,
});

function parseTypeformEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Typeform');
  const fields = isRecord(body) ? body : {};
  const response = isRecord(fields.form_response) ? fields.form_response : {};
  return {
    name: requireString(fields.event_type, 'event_type', 'Typeform'),
    id: requireString(fields.event_id, 'event_id', 'Typeform'),
    payload: body,
    meta: { formId: response.form_id },
  };
}
