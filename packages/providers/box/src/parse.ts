import {
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * Names the event by the body's `trigger` (`FILE.UPLOADED`). The id is the body's event `id`, which
 * Box keeps across retries; the `BOX-DELIVERY-ID` header changes on every retry, so it goes in `meta`.
 */
export function parseBoxEvent(request: WebhookRequest): ParsedEvent {
  const payload = parseJsonBody<unknown>(request, 'Box');
  const body = isRecord(payload) ? payload : {};
  return {
    name: requireString(body.trigger, 'trigger', 'Box'),
    id: typeof body.id === 'string' ? body.id : undefined,
    payload,
    meta: {
      deliveryId: getHeader(request, 'box-delivery-id'),
      deliveryTimestamp: getHeader(request, 'box-delivery-timestamp'),
      webhookId: isRecord(body.webhook) ? body.webhook.id : undefined,
    },
  };
}
