import {
  defineSignedProvider,
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireHeader,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { SentryEvents } from './events.js';
import type { SentryOptions } from './options.js';

export type * from './events.js';
export type { SentryOptions } from './options.js';

/**
 * A receiver for Sentry integration platform webhooks: verifies `Sentry-Hook-Signature` (hex
 * HMAC-SHA256 of the raw body under the client secret) and names events
 * `<Sentry-Hook-Resource>.<action>` (`issue.created`, `installation.deleted`), with `Request-ID` as id.
 *
 * @example
 * const receiver = sentry({ secret: process.env.SENTRY_CLIENT_SECRET! });
 * receiver.on('issue.created', (event) => console.log(event.payload.data.issue.title));
 */
export const sentry = defineSignedProvider<SentryEvents, SentryOptions>({
  title: 'Sentry',
  // Sentry signs the JSON string it sends (sentry_apps AppPlatformEvent.body): the raw bytes.
  signature: 'Sentry-Hook-Signature',
  hint: 'Sentry signs integration webhooks; is this request from a Sentry integration?',
  parse: parseSentryEvent,
});

function parseSentryEvent(request: WebhookRequest): ParsedEvent {
  const resource = requireHeader(
    request,
    'Sentry-Hook-Resource',
    'Sentry sends the resource (issue, installation…) with every webhook.',
  );
  const body = parseJsonBody(request, 'Sentry');
  const action = requireString(isRecord(body) ? body.action : undefined, 'action', 'Sentry');
  const timestamp = Number(getHeader(request, 'Sentry-Hook-Timestamp'));
  return {
    name: `${resource}.${action}`,
    id: getHeader(request, 'Request-ID'),
    payload: body,
    // The timestamp header is not covered by the signature: informational only.
    meta: { resource, timestamp: Number.isFinite(timestamp) ? timestamp : undefined },
  };
}
