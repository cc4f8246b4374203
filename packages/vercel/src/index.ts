import {
  defineProvider,
  isRecord,
  normalizeSecrets,
  type ParsedEvent,
  parseJsonBody,
  requireHeader,
  requireString,
  verifyHmac,
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
export const vercel = defineProvider<VercelOptions, { secrets: string[] }, VercelEvents>({
  name: 'vercel',
  title: 'Vercel',
  setup: (options) => ({ secrets: normalizeSecrets(options.secret, 'Vercel') }),
  verify(request, { state }) {
    verifyHmac({
      algorithm: 'sha1',
      secrets: state.secrets,
      parts: [request.body],
      signatures: requireHeader(
        request,
        SIGNATURE_HEADER,
        'Vercel signs every webhook; is this request from Vercel?',
      ),
      encoding: 'hex',
      header: SIGNATURE_HEADER,
      provider: 'Vercel',
    });
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
