import { intercom } from '@hookwire/intercom';
import { signIntercomRequest } from '@hookwire/intercom/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(topic: string, item: unknown) {
  return (context: SignContext) =>
    signIntercomRequest({ secret: context.secret, url: context.url, topic, item: payloadOf(context, item) });
}

const spec: ProviderSpec = {
  name: 'intercom',
  secret: "the app's client secret",
  defaultSecret: 'dev-intercom-secret',
  receiver: ({ secret }) => intercom({ secret }),
  samples: {
    'conversation.user.created': {
      description: 'a user started a conversation',
      sign: signed('conversation.user.created', {
        type: 'conversation',
        id: '147',
        created_at: 1772446500,
        state: 'open',
        source: {
          type: 'conversation',
          body: '<p>Hi, I need help with my order.</p>',
          author: { type: 'user', id: '5310d8e7598c9a0b24000002' },
        },
      }),
    },
    'contact.user.created': {
      description: 'a user contact created',
      sign: signed('contact.user.created', {
        type: 'contact',
        id: '5ba682d23d7cf92bef87bfd4',
        role: 'user',
        email: 'joe@example.com',
        name: 'Joe Example',
      }),
    },
    ping: {
      description: 'the test ping from the Developer Hub',
      sign: signed('ping', { type: 'ping', message: 'something something interzen' }),
    },
  },
};

export default spec;
