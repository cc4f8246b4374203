import {
  checkSignedTimestamp,
  defineSignedProvider,
  getHeader,
  isRecord,
  type ParsedEvent,
  type ProviderContext,
  parseJsonBody,
  requireString,
  timestampWindow,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import type { LinearEvents } from './events.js';
import type { LinearOptions } from './options.js';

export type * from './events.js';
export type { LinearOptions } from './options.js';

/**
 * A receiver for Linear webhooks: verifies `Linear-Signature` (hex HMAC-SHA256 of the raw body),
 * rejects a signed `webhookTimestamp` more than 60 s off either way (as Linear's SDK does), and
 * names events `<type>.<action>` (`Issue.create`), with `Linear-Delivery` as id.
 *
 * @example
 * const receiver = linear({ secret: process.env.LINEAR_WEBHOOK_SECRET! });
 * receiver.on('Issue.create', (event) => console.log(event.payload.data.identifier));
 */
export const linear = defineSignedProvider<LinearEvents, LinearOptions>({
  title: 'Linear',
  tolerance: 60,
  signature: 'Linear-Signature',
  parse: parseLinearEvent,
});

function parseLinearEvent(
  request: WebhookRequest,
  ctx: ProviderContext<LinearOptions, unknown>,
): ParsedEvent {
  const body = parseJsonBody(request, 'Linear');
  const fields = isRecord(body) ? body : {};
  // The timestamp lives in the signed body (the Linear-Timestamp header is legacy and unsigned), so
  // it is checked here, once the signature has held and the body is parsed.
  const timestamp = fields.webhookTimestamp;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    throw new WebhookError(
      'malformed_body',
      'The Linear webhook body has no numeric `webhookTimestamp` (milliseconds).',
    );
  }
  checkSignedTimestamp(timestampWindow(ctx), 'webhookTimestamp', timestamp);
  const type = requireString(fields.type, 'type', 'Linear');
  const action = typeof fields.action === 'string' && fields.action !== '' ? fields.action : undefined;
  return {
    name: action ? `${type}.${action}` : type,
    id: getHeader(request, 'Linear-Delivery'),
    payload: body,
    meta: { webhookId: fields.webhookId, organizationId: fields.organizationId, webhookTimestamp: timestamp },
  };
}
