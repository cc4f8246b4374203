import {
  checkTimestamp,
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * One request, several events: each element of `events` becomes an event named by its `name`.
 * Pusher sends no delivery id (`time_ms` is shared by a batch), so events carry none. The signed
 * `time_ms` is checked against the window, since the body is the only place Pusher dates a webhook.
 */
export function parsePusherWebhook(
  request: WebhookRequest,
  nowMs: number,
  toleranceSeconds: number,
): ParsedEvent[] {
  const body = parseJsonBody(request, 'Pusher');
  if (!isRecord(body) || !Array.isArray(body.events)) {
    throw new WebhookError('malformed_body', 'The Pusher webhook body has no `events` array.');
  }
  const timeMs = body.time_ms;
  if (typeof timeMs !== 'number' || !Number.isSafeInteger(timeMs)) {
    throw new WebhookError('malformed_body', 'The Pusher webhook body has no `time_ms` integer.');
  }
  checkTimestamp({ timestampMs: timeMs, nowMs, toleranceSeconds, header: 'time_ms' });
  const appKey = getHeader(request, 'X-Pusher-Key');
  return body.events.map((event, index) => {
    if (!isRecord(event) || typeof event.name !== 'string' || event.name === '') {
      throw new WebhookError('malformed_body', `Pusher webhook event #${index + 1} has no \`name\` string.`);
    }
    return { name: event.name, payload: event, meta: { appKey, timeMs } };
  });
}
