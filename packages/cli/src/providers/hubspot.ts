import { hubspot } from '@hookwire/hubspot';
import { signHubSpotRequest } from '@hookwire/hubspot/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(subscriptionType: string, extra: Record<string, unknown>) {
  return (context: SignContext) =>
    signHubSpotRequest({
      secret: context.secret,
      url: context.url,
      timestamp: context.timestamp * 1000,
      events: payloadOf(context, [
        {
          eventId: 1943256437,
          subscriptionId: 2468101,
          portalId: 62515,
          appId: 1160452,
          occurredAt: context.timestamp * 1000,
          subscriptionType,
          attemptNumber: 0,
          objectId: 123,
          changeSource: 'CRM',
          ...extra,
        },
      ]),
    });
}

const spec: ProviderSpec = {
  name: 'hubspot',
  secret: "the app's client secret",
  defaultSecret: 'dev-hubspot-secret',
  receiver: ({ secret, url, now, tolerance }) => hubspot({ secret, publicUrl: () => url, now, tolerance }),
  samples: {
    'contact.creation': { description: 'a contact created', sign: signed('contact.creation', {}) },
    'contact.propertyChange': {
      description: 'a contact property changed',
      sign: signed('contact.propertyChange', {
        propertyName: 'email',
        propertyValue: 'sample-email@example.com',
      }),
    },
    'deal.creation': { description: 'a deal created', sign: signed('deal.creation', { objectId: 4567 }) },
  },
};

export default spec;
