import { shopify } from '@hookwire/shopify';
import { signShopifyRequest } from '@hookwire/shopify/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(topic: string, payload: unknown) {
  return (context: SignContext) =>
    signShopifyRequest({
      secret: context.secret,
      topic,
      url: context.url,
      shopDomain: 'hookwire-demo.myshopify.com',
      payload: payloadOf(context, payload),
    });
}

const customer = {
  id: 706405506930370000,
  email: 'bob.norman@example.com',
  first_name: 'Bob',
  last_name: 'Norman',
};

const spec: ProviderSpec = {
  name: 'shopify',
  secret: "the app's client secret (or the notification signing key)",
  defaultSecret: 'dev-shopify-secret',
  receiver: ({ secret }) => shopify({ secret }),
  samples: {
    'orders/create': {
      description: 'an order placed',
      sign: signed('orders/create', {
        id: 820982911946154500,
        admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
        name: '#9999',
        email: 'jon@example.com',
        created_at: '2026-03-02T10:15:00-05:00',
        currency: 'USD',
        total_price: '403.00',
        subtotal_price: '393.00',
        financial_status: 'paid',
        fulfillment_status: null,
        line_items: [
          {
            id: 866550311766439000,
            title: 'Aviator sunglasses',
            quantity: 1,
            price: '89.99',
            sku: 'SKU2006-001',
          },
        ],
        customer,
      }),
    },
    'orders/paid': {
      description: 'an order paid',
      sign: signed('orders/paid', {
        id: 820982911946154500,
        name: '#9999',
        total_price: '403.00',
        currency: 'USD',
        financial_status: 'paid',
      }),
    },
    'products/update': {
      description: 'a product changed',
      sign: signed('products/update', {
        id: 788032119674292900,
        title: 'Example T-Shirt',
        handle: 'example-t-shirt',
        status: 'active',
        vendor: 'Acme',
        product_type: 'Shirts',
        variants: [{ id: 642667041472713900, title: 'Small', price: '19.99', inventory_quantity: 75 }],
      }),
    },
    'customers/create': {
      description: 'a customer account created',
      sign: signed('customers/create', { ...customer, state: 'enabled', verified_email: true }),
    },
    'app/uninstalled': {
      description: 'the app removed from a shop',
      sign: signed('app/uninstalled', {
        id: 548380009,
        name: 'Super Toys',
        domain: 'hookwire-demo.myshopify.com',
        myshopify_domain: 'hookwire-demo.myshopify.com',
      }),
    },
  },
};

export default spec;
