import {
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/** Names the event by `event_type` (`PAYMENT.CAPTURE.COMPLETED`); `id` (`WH-…`) is the delivery id. */
export function parsePayPalEvent(request: WebhookRequest): ParsedEvent {
  const payload = parseJsonBody(request, 'PayPal');
  const record = isRecord(payload) ? payload : {};
  return {
    name: requireString(record.event_type, 'event_type', 'PayPal'),
    id: requireString(record.id, 'id', 'PayPal'),
    payload,
    meta: {
      transmissionId: getHeader(request, 'PAYPAL-TRANSMISSION-ID'),
      resourceType: record.resource_type,
    },
  };
}
