import {
  defineProvider,
  type ParsedEvent,
  parseJsonObject,
  type WebhookRequest,
  webhookErrorResponse,
} from '@hookwire/core';
import { credentialPairs, verifyBasicAuth } from './auth.js';
import type { PostmarkEvents } from './events.js';
import type { PostmarkOptions } from './options.js';

export type * from './events.js';
export type { PostmarkOptions } from './options.js';

/**
 * A receiver for Postmark webhooks. Postmark signs nothing: the webhook URL carries HTTP Basic
 * credentials (`https://user:pass@host/path`), checked here in constant time. Events are named by
 * `RecordType` (`Delivery`, `Bounce`, `Open`…; `Inbound` for inbound messages).
 *
 * @example
 * const receiver = postmark({ username: 'postmark', password: process.env.POSTMARK_WEBHOOK_PASSWORD! });
 * receiver.on('Bounce', (event) => suppress(event.payload.Email));
 */
export const postmark = defineProvider<PostmarkOptions, { pairs: string[] }, PostmarkEvents>({
  title: 'Postmark',
  setup: (options) => ({ pairs: credentialPairs(options.username, options.password) }),
  verify: (request, { state }) => verifyBasicAuth(request, state.pairs),
  parse: parsePostmarkEvent,
  errorResponse(error) {
    const challenge =
      error.status === 401 ? { 'www-authenticate': 'Basic realm="webhooks", charset="UTF-8"' } : undefined;
    return webhookErrorResponse(error, challenge);
  },
});

function parsePostmarkEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonObject(request, 'Postmark');
  return {
    name: typeof body.RecordType === 'string' && body.RecordType !== '' ? body.RecordType : 'Inbound',
    // MessageID names the message, not the delivery: one message has a Delivery, Opens, Clicks…
    // Using it as the event id would make dedupe drop them, so it is exposed in meta instead.
    payload: body,
    meta: { messageId: body.MessageID, messageStream: body.MessageStream },
  };
}
