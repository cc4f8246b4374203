import {
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/** `event_type` (`transaction.completed`) names the event; `event_id` identifies it. */
export function parsePaddleEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Paddle');
  const record = isRecord(body) ? body : {};
  return {
    name: requireString(record.event_type, 'event_type', 'Paddle'),
    id: typeof record.event_id === 'string' ? record.event_id : undefined,
    payload: body,
    meta: { notificationId: record.notification_id, occurredAt: record.occurred_at },
  };
}
