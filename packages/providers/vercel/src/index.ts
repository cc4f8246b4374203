import { defineSignedProvider } from '@hookwire/core';
import type { VercelEvents } from './events.js';
import type { VercelOptions } from './options.js';

export type * from './events.js';
export type { VercelOptions } from './options.js';

/**
 * A receiver for Vercel webhooks: verifies `x-vercel-signature` (hex HMAC-SHA1 of the raw body)
 * and names events by the body's `type` (`deployment.succeeded`), with the body's `id` as delivery id.
 *
 * @example
 * const receiver = vercel({ secret: process.env.VERCEL_WEBHOOK_SECRET! });
 * receiver.on('deployment.error', (event) => alert(event.payload.payload.deployment.url));
 */
export const vercel = defineSignedProvider<VercelEvents, VercelOptions>({
  title: 'Vercel',
  signature: { header: 'x-vercel-signature', algorithm: 'sha1' },
  event: { name: 'type', id: 'id' },
});
