import {
  getHeader,
  type ParsedEvent,
  parseJsonBody,
  requireHeader,
  type WebhookRequest,
} from '@hookwire/core';

/** Reads a verified delivery: named by `X-WC-Webhook-Topic`, id `X-WC-Webhook-Delivery-ID`. */
export function parseWooCommerceDelivery(request: WebhookRequest): ParsedEvent {
  const topic = requireHeader(request, 'X-WC-Webhook-Topic', 'WooCommerce sends it with every delivery.');
  return {
    name: topic,
    id: getHeader(request, 'X-WC-Webhook-Delivery-ID'),
    payload: parseJsonBody(request, 'WooCommerce'),
    meta: {
      webhookId: getHeader(request, 'X-WC-Webhook-ID'),
      resource: getHeader(request, 'X-WC-Webhook-Resource'),
      event: getHeader(request, 'X-WC-Webhook-Event'),
      source: getHeader(request, 'X-WC-Webhook-Source'),
    },
  };
}
