import { stripe } from '@hookwire/stripe';
import { signStripeRequest, stripeTestEvent } from '@hookwire/stripe/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, object: Record<string, unknown>) {
  return (context: SignContext) =>
    signStripeRequest({
      secret: context.secret,
      url: context.url,
      timestamp: context.timestamp,
      payload: payloadOf(context, stripeTestEvent(type, object, { created: context.timestamp })),
    });
}

const customer = 'cus_Q3x9TlgBGfEm0r';

const spec: ProviderSpec = {
  name: 'stripe',
  secret: 'the endpoint signing secret (whsec_…)',
  defaultSecret: 'whsec_dev-stripe-secret',
  receiver: ({ secret, now, tolerance }) => stripe({ secret, now, tolerance }),
  samples: {
    'payment_intent.succeeded': {
      description: 'a payment completed',
      sign: signed('payment_intent.succeeded', {
        id: 'pi_3Pq1Xy2eZvKYlo2C0abc1234',
        object: 'payment_intent',
        amount: 2000,
        amount_received: 2000,
        currency: 'usd',
        customer,
        status: 'succeeded',
        payment_method: 'pm_1Pq1Xy2eZvKYlo2CqRsT5678',
        metadata: { order_id: '6735' },
      }),
    },
    'checkout.session.completed': {
      description: 'a Checkout session paid',
      sign: signed('checkout.session.completed', {
        id: 'cs_test_a1b2c3d4e5f6g7h8i9j0',
        object: 'checkout.session',
        mode: 'payment',
        amount_total: 4900,
        currency: 'eur',
        customer,
        customer_details: { email: 'jenny.rosen@example.com', name: 'Jenny Rosen' },
        payment_status: 'paid',
        status: 'complete',
        client_reference_id: 'order_6735',
      }),
    },
    'invoice.paid': {
      description: 'an invoice paid',
      sign: signed('invoice.paid', {
        id: 'in_1Pq2Ab2eZvKYlo2CdEfG9012',
        object: 'invoice',
        customer,
        subscription: 'sub_1Pq2Ab2eZvKYlo2CxYz3456',
        amount_due: 1500,
        amount_paid: 1500,
        currency: 'usd',
        status: 'paid',
        billing_reason: 'subscription_cycle',
      }),
    },
    'customer.subscription.created': {
      description: 'a subscription started',
      sign: signed('customer.subscription.created', {
        id: 'sub_1Pq2Ab2eZvKYlo2CxYz3456',
        object: 'subscription',
        customer,
        status: 'active',
        items: { object: 'list', data: [{ id: 'si_Q3xA', price: { id: 'price_1Pq0', unit_amount: 1500 } }] },
        cancel_at_period_end: false,
      }),
    },
    'charge.refunded': {
      description: 'a charge refunded',
      sign: signed('charge.refunded', {
        id: 'ch_3Pq1Xy2eZvKYlo2C1def5678',
        object: 'charge',
        amount: 2000,
        amount_refunded: 2000,
        currency: 'usd',
        customer,
        refunded: true,
      }),
    },
  },
};

export default spec;
