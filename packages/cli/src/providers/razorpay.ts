import { razorpay } from '@hookwire/razorpay';
import { signRazorpayRequest } from '@hookwire/razorpay/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(event: string, payload: Record<string, unknown>) {
  return (context: SignContext) =>
    signRazorpayRequest({
      secret: context.secret,
      url: context.url,
      event,
      eventId: 'NHJGzXg9TDqf0F',
      payload: payloadOf(context, payload),
    });
}

const payment = {
  entity: {
    id: 'pay_DESlfW9H8K9uqM',
    entity: 'payment',
    amount: 100,
    currency: 'INR',
    status: 'captured',
    order_id: 'order_DESlLckIVRkHWj',
    method: 'upi',
    email: 'gaurav.kumar@example.com',
    contact: '+919876543210',
  },
};

const spec: ProviderSpec = {
  name: 'razorpay',
  secret: "the webhook's secret from the Dashboard",
  defaultSecret: 'dev-razorpay-secret',
  receiver: ({ secret }) => razorpay({ secret }),
  samples: {
    'payment.captured': { description: 'a payment captured', sign: signed('payment.captured', { payment }) },
    'order.paid': {
      description: 'an order paid',
      sign: signed('order.paid', {
        payment,
        order: {
          entity: {
            id: 'order_DESlLckIVRkHWj',
            entity: 'order',
            amount: 100,
            amount_paid: 100,
            status: 'paid',
          },
        },
      }),
    },
  },
};

export default spec;
