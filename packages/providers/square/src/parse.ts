import {
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/** The body's `type` (`payment.updated`) names the event; `event_id` identifies it. */
export function parseSquareEvent(request: WebhookRequest): ParsedEvent {
  const body = parseJsonBody(request, 'Square');
  const record = isRecord(body) ? body : {};
  const data = isRecord(record.data) ? record.data : {};
  return {
    name: requireString(record.type, 'type', 'Square'),
    id: typeof record.event_id === 'string' ? record.event_id : undefined,
    payload: body,
    meta: {
      merchantId: record.merchant_id,
      createdAt: record.created_at,
      objectType: data.type,
      objectId: data.id,
    },
  };
}
