import {
  createMemoryDedupeStore,
  defineProvider,
  isRecord,
  normalizeSecrets,
  type ParsedEvent,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';
import type { ReadBody } from './body.js';
import type { MailgunEvents } from './events.js';
import type { MailgunOptions } from './options.js';
import { type MailgunVerifyState, verifyMailgunRequest } from './verify.js';

export type { MailgunEventData, MailgunEventName, MailgunEvents, MailgunFormPayload } from './events.js';
export type { MailgunOptions } from './options.js';

/**
 * A receiver for Mailgun webhooks: verifies the `signature` object in the body (hex HMAC-SHA256 of
 * timestamp ‖ token under the webhook signing key), the timestamp window and that the token was not
 * used before; names events by `event-data.event` (`delivered`, `failed`) with `event-data.id` as id.
 * Legacy form-encoded and multipart webhooks (and routed inbound mail) are verified the same way.
 *
 * @example
 * const receiver = mailgun({ secret: process.env.MAILGUN_WEBHOOK_SIGNING_KEY! });
 * receiver.on('failed', (event) => event.payload.severity === 'permanent' && suppress(event.payload.recipient));
 */
export const mailgun = defineProvider<MailgunOptions, MailgunVerifyState, MailgunEvents, ReadBody>({
  title: 'Mailgun',
  setup: (options) => ({
    secrets: normalizeSecrets(options.secret, 'Mailgun'),
    replayStore:
      options.replayStore === false
        ? undefined
        : (options.replayStore ?? createMemoryDedupeStore({ now: options.now })),
  }),
  verify: (request, { state, now, tolerance }) => verifyMailgunRequest(request, state, now(), tolerance),
  parse: parseMailgunEvent,
});

function parseMailgunEvent(_request: WebhookRequest, _ctx: unknown, read: ReadBody): ParsedEvent {
  const meta = { timestamp: Number(read.signature.timestamp) * 1000, token: read.signature.token };
  if (read.format === 'form') {
    const event = read.fields.event;
    // Form posts carry no delivery id (Message-Id names the message, shared by its events).
    return {
      name: typeof event === 'string' && event !== '' ? event : 'inbound',
      payload: read.fields,
      meta,
    };
  }
  const data = isRecord(read.body['event-data']) ? read.body['event-data'] : {};
  return {
    name: requireString(data.event, 'event-data.event', 'Mailgun'),
    id: requireString(data.id, 'event-data.id', 'Mailgun'),
    payload: read.body['event-data'],
    meta,
  };
}
