import { sentry } from '@hookwire/sentry';
import { signSentryRequest } from '@hookwire/sentry/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(resource: string, action: string, data: unknown) {
  return (context: SignContext) =>
    signSentryRequest({
      secret: context.secret,
      url: context.url,
      resource,
      action,
      timestamp: context.timestamp,
      data: payloadOf(context, data),
    });
}

const spec: ProviderSpec = {
  name: 'sentry',
  secret: "the integration's client secret",
  defaultSecret: 'dev-sentry-secret',
  receiver: ({ secret }) => sentry({ secret }),
  samples: {
    'issue.created': {
      description: 'a new issue',
      sign: signed('issue', 'created', {
        issue: {
          id: '1170820242',
          shortId: 'FRONTEND-1',
          title: "TypeError: Cannot read properties of undefined (reading 'id')",
          culprit: 'app/components/order',
          level: 'error',
          status: 'unresolved',
          project: { id: '1', slug: 'frontend' },
        },
      }),
    },
    'event_alert.triggered': {
      description: 'an alert rule fired',
      sign: signed('event_alert', 'triggered', {
        event: {
          event_id: 'e4874d664c3540c1a32eab185f12c5ab',
          title: 'Error: Payment failed',
          level: 'error',
        },
        triggered_rule: 'Payment errors',
      }),
    },
  },
};

export default spec;
