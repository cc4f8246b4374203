import { standardWebhooks } from '@hookwire/standard-webhooks';
import { signStandardWebhookRequest } from '@hookwire/standard-webhooks/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';
import { DEV_STANDARD_SECRET } from './svix-samples.js';

function signed(type: string, data: unknown) {
  return (context: SignContext) =>
    signStandardWebhookRequest({
      secret: context.secret,
      url: context.url,
      timestamp: context.timestamp,
      payload: payloadOf(context, {
        type,
        timestamp: new Date(context.timestamp * 1000).toISOString(),
        data,
      }),
    });
}

const spec: ProviderSpec = {
  name: 'standard-webhooks',
  secret: "the endpoint's secret (whsec_ + base64), as every Standard Webhooks sender hands it out",
  defaultSecret: DEV_STANDARD_SECRET,
  receiver: ({ secret, now, tolerance }) => standardWebhooks({ secret, now, tolerance }),
  samples: {
    'invoice.paid': {
      description: 'an event as the Hookwire sender delivers it',
      sign: signed('invoice.paid', { id: 'inv_1042', total: 4200, currency: 'EUR' }),
    },
    'contact.created': {
      description: "the specification's own example",
      sign: signed('contact.created', { id: '1f81eb52-5198-4599-803e-771906343485', type: 'contact' }),
    },
  },
};

export default spec;
