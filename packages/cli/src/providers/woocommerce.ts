import { woocommerce } from '@hookwire/woocommerce';
import { createWooCommercePing, signWooCommerceRequest } from '@hookwire/woocommerce/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(topic: string, payload: unknown) {
  return (context: SignContext) =>
    signWooCommerceRequest({
      secret: context.secret,
      url: context.url,
      topic,
      webhookId: 7,
      source: 'https://shop.example.com/',
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'woocommerce',
  secret: "the webhook's secret",
  defaultSecret: 'dev-woocommerce-secret',
  receiver: ({ secret }) => woocommerce({ secret }),
  samples: {
    'order.created': {
      description: 'an order placed',
      sign: signed('order.created', {
        id: 727,
        status: 'processing',
        currency: 'USD',
        total: '29.35',
        billing: { first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com' },
        line_items: [{ id: 315, name: 'Woo Single #1', product_id: 93, quantity: 2, total: '6.00' }],
      }),
    },
    'product.updated': {
      description: 'a product changed',
      sign: signed('product.updated', {
        id: 794,
        name: 'Premium Quality',
        type: 'simple',
        status: 'publish',
        regular_price: '21.99',
      }),
    },
    ping: {
      description: 'the unsigned form post WooCommerce sends when a webhook is saved',
      sign: (context) => createWooCommercePing({ webhookId: 7, url: context.url }),
    },
  },
};

export default spec;
