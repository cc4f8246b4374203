import {
  getHeader,
  type ParsedEvent,
  parseJsonBody,
  requireHeader,
  type WebhookRequest,
} from '@hookwire/core';

/** The topic header (`orders/create`) names the event; `X-Shopify-Webhook-Id` identifies the delivery. */
export function parseShopifyEvent(request: WebhookRequest): ParsedEvent {
  const topic = requireHeader(request, 'X-Shopify-Topic', 'Shopify sends the topic with every webhook.');
  const payload = parseJsonBody(request, 'Shopify');
  return {
    name: topic,
    id: getHeader(request, 'X-Shopify-Webhook-Id'),
    payload,
    meta: {
      eventId: getHeader(request, 'X-Shopify-Event-Id'),
      shopDomain: getHeader(request, 'X-Shopify-Shop-Domain'),
      apiVersion: getHeader(request, 'X-Shopify-API-Version'),
      triggeredAt: getHeader(request, 'X-Shopify-Triggered-At'),
      subTopic: getHeader(request, 'X-Shopify-Sub-Topic'),
      subscriptionName: getHeader(request, 'X-Shopify-Name'),
    },
  };
}
