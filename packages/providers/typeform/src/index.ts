import { defineSignedProvider, record } from '@hookwire/core';
import type { TypeformEvents } from './events.js';
import type { TypeformOptions } from './options.js';

export type * from './events.js';
export type { TypeformOptions } from './options.js';

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
  title: 'Typeform',
  signature: { header: 'Typeform-Signature', encoding: 'base64', prefix: 'sha256=' },
  hint: 'Typeform signs only webhooks that have a secret: set one on the webhook.',
  event: {
    name: 'event_type',
    id: 'event_id',
    meta: (body) => ({ formId: record(body.form_response).form_id }),
  },
});
