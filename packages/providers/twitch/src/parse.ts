import {
  getHeader,
  isRecord,
  type ParseOutcome,
  parseJsonBody,
  requireHeader,
  requireString,
  textResponse,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { MESSAGE_ID, MESSAGE_TIMESTAMP } from './verify.js';

const MESSAGE_TYPE = 'Twitch-Eventsub-Message-Type';

/**
 * `webhook_callback_verification` is answered with the bare challenge as text/plain (the message
 * was verified first); `notification` is named by its subscription type; `revocation` is named
 * `revocation`.
 */
export function parseTwitchMessage(request: WebhookRequest): ParseOutcome {
  const type = requireHeader(request, MESSAGE_TYPE, 'Twitch sends it with every EventSub message.');
  const body = parseJsonBody(request, 'Twitch');
  if (!isRecord(body))
    throw new WebhookError('malformed_body', 'The Twitch EventSub body is not a JSON object.');
  if (type === 'webhook_callback_verification') {
    return { response: textResponse(200, requireString(body.challenge, 'challenge', 'Twitch')) };
  }
  const subscription = isRecord(body.subscription) ? body.subscription : {};
  const id = requireHeader(request, MESSAGE_ID);
  const retry = getHeader(request, 'Twitch-Eventsub-Message-Retry');
  const meta = {
    messageType: type,
    subscriptionType: getHeader(request, 'Twitch-Eventsub-Subscription-Type') ?? subscription.type,
    subscriptionVersion: getHeader(request, 'Twitch-Eventsub-Subscription-Version') ?? subscription.version,
    subscriptionId: subscription.id,
    timestamp: getHeader(request, MESSAGE_TIMESTAMP),
    retry: retry === undefined ? undefined : Number(retry),
  };
  if (type === 'revocation') return { name: 'revocation', id, payload: body, meta };
  if (type !== 'notification') {
    throw new WebhookError('malformed_header', `The ${MESSAGE_TYPE} header has an unknown value.`);
  }
  const name = requireString(meta.subscriptionType, 'subscription.type', 'Twitch');
  // Subscriptions with batching enabled deliver `events`; each becomes its own event.
  if (Array.isArray(body.events)) {
    return body.events.map((event, index) => ({
      name,
      id: `${id}:${index}`,
      payload: { subscription: body.subscription, event },
      meta,
    }));
  }
  return { name, id, payload: body, meta };
}
