import { okta } from '@hookwire/okta';
import { createOktaRequest, createOktaVerificationRequest } from '@hookwire/okta/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

type Events = Parameters<typeof createOktaRequest>[0]['events'];

const spec: ProviderSpec = {
  name: 'okta',
  secret: "the event hook's Authorization header value",
  defaultSecret: 'dev-okta-secret',
  receiver: ({ secret }) => okta({ secret }),
  samples: {
    'user.session.start': {
      description: 'a user signed in (event hook)',
      sign: (context) =>
        createOktaRequest({
          secret: context.secret,
          url: context.url,
          events: payloadOf(context, [
            {
              uuid: 'b0ef1b7c-0b2e-11f1-9d6a-2b1b4f3b2c1a',
              published: '2026-03-02T10:15:00.000Z',
              eventType: 'user.session.start',
              version: '0',
              displayMessage: 'User login to Okta',
              severity: 'INFO',
              actor: {
                id: '00u1a2b3c4d5e6f7g8h9',
                type: 'User',
                alternateId: 'alice@example.com',
                displayName: 'Alice',
              },
              outcome: { result: 'SUCCESS' },
            },
          ] as Events),
        }),
    },
    verification: {
      description: 'the one-time GET verification of the event hook',
      sign: (context) =>
        createOktaVerificationRequest({
          secret: context.secret,
          challenge: 'X8t0lYv5D7uEDtb9rBVXmBW8IgOP6j7N2FrVRbFZ',
          url: context.url,
        }),
    },
  },
};

export default spec;
