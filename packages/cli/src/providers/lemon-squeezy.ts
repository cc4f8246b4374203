import { lemonSqueezy } from '@hookwire/lemon-squeezy';
import { signLemonSqueezyRequest } from '@hookwire/lemon-squeezy/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(event: string, data: unknown) {
  return (context: SignContext) =>
    signLemonSqueezyRequest({
      secret: context.secret,
      url: context.url,
      event,
      data: payloadOf(context, data),
    });
}

const spec: ProviderSpec = {
  name: 'lemon-squeezy',
  secret: "the webhook's signing secret",
  defaultSecret: 'dev-lemon-squeezy-secret',
  receiver: ({ secret }) => lemonSqueezy({ secret }),
  samples: {
    order_created: {
      description: 'an order placed',
      sign: signed('order_created', {
        type: 'orders',
        id: '1',
        attributes: {
          store_id: 1,
          identifier: '104e18a2-d755-4d4b-80c4-a6c1dcbe1c10',
          order_number: 1,
          user_name: 'Darlene Daugherty',
          user_email: 'gernser@yahoo.com',
          currency: 'USD',
          status: 'paid',
          total: 999,
          total_formatted: '$9.99',
        },
      }),
    },
    subscription_created: {
      description: 'a subscription started',
      sign: signed('subscription_created', {
        type: 'subscriptions',
        id: '1',
        attributes: {
          store_id: 1,
          customer_id: 1,
          order_id: 1,
          product_name: 'Pro plan',
          status: 'active',
          renews_at: '2026-04-02T10:15:00.000000Z',
        },
      }),
    },
  },
};

export default spec;
