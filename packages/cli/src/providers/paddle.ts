import { paddle } from '@hookwire/paddle';
import { signPaddleRequest } from '@hookwire/paddle/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(eventType: string, data: Record<string, unknown>) {
  return (context: SignContext) =>
    signPaddleRequest({
      secret: context.secret,
      url: context.url,
      timestamp: context.timestamp,
      payload: payloadOf(context, {
        event_id: 'evt_01hv8x2a3b4c5d6e7f8g9h0j1k',
        event_type: eventType,
        occurred_at: '2026-03-02T10:15:00.000000Z',
        notification_id: 'ntf_01hv8x2a3b4c5d6e7f8g9h0j1m',
        data,
      }),
    });
}

const spec: ProviderSpec = {
  name: 'paddle',
  secret: "the notification destination's secret key (pdl_ntfset_…)",
  defaultSecret: 'dev-paddle-secret',
  receiver: ({ secret, now, tolerance }) => paddle({ secret, now, tolerance }),
  samples: {
    'transaction.completed': {
      description: 'a transaction completed',
      sign: signed('transaction.completed', {
        id: 'txn_01hv8wptq8987qeep44cyrewp9',
        status: 'completed',
        customer_id: 'ctm_01hv8wt8nffez4p2t6typn4a5j',
        currency_code: 'USD',
        details: { totals: { total: '2400' } },
      }),
    },
    'subscription.created': {
      description: 'a subscription created',
      sign: signed('subscription.created', {
        id: 'sub_01hv8x29kz0t586xy6zn1a62ny',
        status: 'active',
        customer_id: 'ctm_01hv8wt8nffez4p2t6typn4a5j',
        billing_cycle: { interval: 'month', frequency: 1 },
      }),
    },
  },
};

export default spec;
