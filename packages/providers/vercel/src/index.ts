import {
  defineSignedProvider,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { VercelEvents } from './events.js';
import type { VercelOptions } from './options.js';

export type {
  VercelDeploymentPayload,
  VercelEventName,
  VercelEvents,
  VercelProjectPayload,
  VercelWebhook,
} from './events.js';
export type { VercelOptions } from './options.js';

const SIGNATURE_HEADER = 'x-vercel-signature';

/**
 * A receiver for Vercel webhooks: verifies `x-vercel-signature` (hex HMAC-SHA1 of the raw body)
 * and names events by the body's `type` (`deployment.succeeded`), with the body's `id` as delivery id.
 *
 * @example
 * const receiver = vercel({ secret: process.env.VERCEL_WEBHOOK_SECRET! });
 * receiver.on('deployment.error', (event) => alert(event.payload.payload.deployment.url));
 */
export const vercel = defineSignedProvider<VercelEvents, VercelOptions>({
  name: 'vercel',
  title: 'Vercel',
  signature: {
    header: SIGNATURE_HEADER,
    algorithm: 'sha1',
    encoding: 'hex',
    hint: 'Vercel signs every webhook; is this request from Vercel?',
  },
  parse: parseVercelEvent,
});

function parseVercelEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Vercel');
  const fields = isRecord(body) ? body : {};
  return {
    name: requireString(fields.type, 'type', 'Vercel'),
    id: requireString(fields.id, 'id', 'Vercel'),
    payload: body,
  };
}
