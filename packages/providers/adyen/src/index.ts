import {
  defineProvider,
  getHeader,
  isRecord,
  isWebhookResponse,
  jsonResponse,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  textResponse,
  type WebhookRequest,
} from '@hookwire/core';
import type { AdyenEvents } from './events.js';
import { decodeHmacKeys } from './hmac.js';
import type { AdyenOptions } from './options.js';
import { HMAC_HEADER, notificationItems, verifyAdyenRequest } from './verify.js';

export type * from './events.js';
export type { AdyenOptions } from './options.js';

/**
 * A receiver for Adyen webhooks, with the hex HMAC key hex-decoded:
 * - standard notifications: every `NotificationRequestItem` must carry a valid
 *   `additionalData.hmacSignature` (base64 HMAC-SHA256 of its eight signed fields); each item is one
 *   event named by `eventCode` (`AUTHORISATION`), and the reply is `[accepted]`;
 * - Balance Platform, Management and Transfer webhooks: `HmacSignature` (base64 HMAC-SHA256 of the
 *   raw body); the event is named by the body's `type`.
 *
 * @example
 * const receiver = adyen({ secret: process.env.ADYEN_HMAC_KEY! });
 * receiver.on('AUTHORISATION', (event) => event.payload.success === 'true' && fulfil(event.payload.merchantReference));
 */
export const adyen = defineProvider<AdyenOptions, { keys: Buffer[] }, AdyenEvents>({
  title: 'Adyen',
  setup: (options) => ({ keys: decodeHmacKeys(options.secret) }),
  verify: (request, { state }) => verifyAdyenRequest(request, state.keys),
  parse: parseAdyenEvents,
  successResponse(events, replies) {
    const reply = replies.find(isWebhookResponse);
    if (reply) return reply;
    // Standard notifications must be acknowledged with this exact body, or Adyen keeps retrying.
    return events[0]?.meta.format === 'notification'
      ? textResponse(200, '[accepted]')
      : jsonResponse(200, { ok: true });
  },
});

function parseAdyenEvents(request: WebhookRequest): ParsedEvent | ParsedEvent[] {
  const body = parseJsonBody(request, 'Adyen');
  if (getHeader(request, HMAC_HEADER) !== undefined) {
    const fields = isRecord(body) ? body : {};
    return {
      name: requireString(fields.type, 'type', 'Adyen'),
      payload: body,
      meta: { format: 'balancePlatform', environment: fields.environment },
    };
  }
  const live = isRecord(body) && body.live === 'true';
  return notificationItems(body).map((item) => {
    const eventCode = requireString(item.eventCode, 'eventCode', 'Adyen');
    return {
      name: eventCode,
      // Adyen may send one notification twice; pspReference + eventCode + success identifies it.
      id: `${String(item.pspReference)}:${eventCode}:${String(item.success)}`,
      payload: item,
      meta: { format: 'notification', live, merchantAccountCode: item.merchantAccountCode },
    };
  });
}
