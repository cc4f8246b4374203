import { defineSignedProvider, timestampWindow } from '@hookwire/core';
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
  verify(request, ctx) {
    verifyCalendlySignature(request, ctx.state.secrets, timestampWindow(ctx));
  },
  event: { name: 'event', meta: (body) => ({ createdAt: body.created_at, createdBy: body.created_by }) },
});
