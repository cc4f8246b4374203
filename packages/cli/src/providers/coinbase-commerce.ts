import { coinbaseCommerce } from '@hookwire/coinbase-commerce';
import { signCoinbaseCommerceRequest } from '@hookwire/coinbase-commerce/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, data: unknown) {
  return (context: SignContext) =>
    signCoinbaseCommerceRequest({
      secret: context.secret,
      url: context.url,
      type,
      eventId: '24934862-d980-46cb-9402-43c81b0cdba6',
      data: payloadOf(context, data),
    });
}

const charge = {
  code: '66BEOV2A',
  name: 'The Sovereign Individual',
  description: 'Mastering the Transition to the Information Age',
  pricing_type: 'fixed_price',
  pricing: { local: { amount: '100.00', currency: 'USD' } },
  hosted_url: 'https://commerce.coinbase.com/charges/66BEOV2A',
  created_at: '2026-03-02T10:15:00Z',
  expires_at: '2026-03-02T11:15:00Z',
};

const spec: ProviderSpec = {
  name: 'coinbase-commerce',
  secret: 'the shared secret from Settings → Webhook subscriptions',
  defaultSecret: 'dev-coinbase-commerce-secret',
  receiver: ({ secret }) => coinbaseCommerce({ secret }),
  samples: {
    'charge:created': { description: 'a charge created', sign: signed('charge:created', charge) },
    'charge:confirmed': {
      description: 'a charge paid and confirmed',
      sign: signed('charge:confirmed', { ...charge, confirmed_at: '2026-03-02T10:20:00Z' }),
    },
  },
};

export default spec;
