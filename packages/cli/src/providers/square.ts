import { square } from '@hookwire/square';
import { signSquareRequest } from '@hookwire/square/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, object: Record<string, unknown>) {
  return (context: SignContext) =>
    signSquareRequest({
      secret: context.secret,
      notificationUrl: context.url,
      payload: payloadOf(context, {
        merchant_id: 'MLJMF2T9GY1XY',
        type,
        event_id: 'a5c8e1d4-0b7f-3c5e-9f2a-6d4b8e1c3a7f',
        created_at: '2026-03-02T10:15:00.000Z',
        data: { type: type.split('.')[0], id: String(object.id), object },
      }),
    });
}

const spec: ProviderSpec = {
  name: 'square',
  secret: "the subscription's signature key",
  defaultSecret: 'dev-square-secret',
  receiver: ({ secret, url }) => square({ secret, notificationUrl: url }),
  samples: {
    'payment.created': {
      description: 'a payment created',
      sign: signed('payment.created', {
        id: 'KkAkhdMsgzn59SM8A89WgKwekxLZY',
        payment: {
          id: 'KkAkhdMsgzn59SM8A89WgKwekxLZY',
          amount_money: { amount: 100, currency: 'USD' },
          status: 'APPROVED',
          source_type: 'CARD',
        },
      }),
    },
    'order.updated': {
      description: 'an order changed state',
      sign: signed('order.updated', {
        id: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY',
        order_updated: { order_id: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY', state: 'COMPLETED', version: 3 },
      }),
    },
  },
};

export default spec;
