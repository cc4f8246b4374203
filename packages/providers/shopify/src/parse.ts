import { jsonEventParser } from '@hookwire/core';

/** The topic header (`orders/create`) names the event; `X-Shopify-Webhook-Id` identifies the delivery. */
export const parseShopifyEvent = jsonEventParser('Shopify', {
  name: { header: 'X-Shopify-Topic', hint: 'Shopify sends the topic with every webhook.' },
  id: { header: 'X-Shopify-Webhook-Id' },
  metaHeaders: {
    eventId: 'X-Shopify-Event-Id',
    shopDomain: 'X-Shopify-Shop-Domain',
    apiVersion: 'X-Shopify-API-Version',
    triggeredAt: 'X-Shopify-Triggered-At',
    subTopic: 'X-Shopify-Sub-Topic',
    subscriptionName: 'X-Shopify-Name',
  },
});
