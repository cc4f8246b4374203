import {
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/** Reads the verified event: name from `type`, id (`evt_…`) from `id`, Stripe's context in `meta`. */
export function parseStripeEvent(request: WebhookRequest): ParsedEvent {
  const payload = parseJsonBody(request, 'Stripe');
  const event = isRecord(payload) ? payload : {};
  return {
    name: requireString(event.type, 'type', 'Stripe'),
    id: requireString(event.id, 'id', 'Stripe'),
    payload,
    meta: {
      livemode: event.livemode,
      apiVersion: event.api_version,
      created: event.created,
      // Set on events from connected accounts (Stripe Connect).
      account: event.account,
    },
  };
}
