import {
  defineSignedProvider,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { CalendlyEvents } from './events.js';
import type { CalendlyOptions } from './options.js';
import { verifyCalendlySignature } from './verify.js';

export type * from './events.js';
export type { CalendlyOptions } from './options.js';

/**
 * A receiver for Calendly webhooks: verifies `Calendly-Webhook-Signature: t=…,v1=…` (hex
 * HMAC-SHA256 of `t.body`), rejects timestamps more than 3 minutes off, and names events by the
 * body's `event` (`invitee.created`).
 *
 * @example
 * const receiver = calendly({ secret: process.env.CALENDLY_WEBHOOK_SIGNING_KEY! });
 * receiver.on('invitee.created', (event) => book(event.payload.payload.email));
 */
export const calendly = defineSignedProvider<CalendlyEvents, CalendlyOptions>({
  title: 'Calendly',
  tolerance: 180,
  verify(request, { state, now, tolerance }) {
    verifyCalendlySignature(request, state.secrets, now(), tolerance);
  },
  parse: parseCalendlyEvent,
});

function parseCalendlyEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Calendly');
  const fields = isRecord(body) ? body : {};
  return {
    name: requireString(fields.event, 'event', 'Calendly'),
    payload: body,
    meta: { createdAt: fields.created_at, createdBy: fields.created_by },
  };
}
