import { jsonEventParser } from '@hookwire/core';

/** Reads a verified delivery: named by `X-WC-Webhook-Topic`, id `X-WC-Webhook-Delivery-ID`. */
export const parseWooCommerceDelivery = jsonEventParser('WooCommerce', {
  name: { header: 'X-WC-Webhook-Topic', hint: 'WooCommerce sends it with every delivery.' },
  id: { header: 'X-WC-Webhook-Delivery-ID' },
  metaHeaders: {
    webhookId: 'X-WC-Webhook-ID',
    resource: 'X-WC-Webhook-Resource',
    event: 'X-WC-Webhook-Event',
    source: 'X-WC-Webhook-Source',
  },
});
