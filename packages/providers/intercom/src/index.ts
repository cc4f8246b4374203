import {
  defineSignedProvider,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { IntercomEvents } from './events.js';
import type { IntercomOptions } from './options.js';

export type {
  IntercomContact,
  IntercomConversation,
  IntercomEventName,
  IntercomEvents,
  IntercomNotification,
} from './events.js';
export type { IntercomOptions } from './options.js';

const SIGNATURE_HEADER = 'X-Hub-Signature';
const PREFIX = 'sha1=';

/**
 * A receiver for Intercom webhooks: verifies `X-Hub-Signature: sha1=<hex>` (HMAC-SHA1 of the raw
 * body under the app's client secret) and names events by `topic` (`conversation.user.created`,
 * `ping`), with the notification `id` as id.
 *
 * @example
 * const receiver = intercom({ secret: process.env.INTERCOM_CLIENT_SECRET! });
 * receiver.on('conversation.user.created', (event) => triage(event.payload.data.item));
 */
export const intercom = defineSignedProvider<IntercomEvents, IntercomOptions>({
  name: 'intercom',
  title: 'Intercom',
  signature: {
    header: SIGNATURE_HEADER,
    algorithm: 'sha1',
    encoding: 'hex',
    prefix: PREFIX,
    hint: 'Intercom signs notifications with the app client secret.',
  },
  parse: parseIntercomEvent,
});

function parseIntercomEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Intercom');
  const fields = isRecord(body) ? body : {};
  return {
    name: requireString(fields.topic, 'topic', 'Intercom'),
    id: requireString(fields.id, 'id', 'Intercom'),
    payload: body,
    meta: {
      appId: fields.app_id,
      deliveryAttempts: fields.delivery_attempts,
      firstSentAt: fields.first_sent_at,
    },
  };
}
