import { linear } from '@hookwire/linear';
import { signLinearRequest } from '@hookwire/linear/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, action: string, data: unknown) {
  return (context: SignContext) =>
    signLinearRequest({
      secret: context.secret,
      url: context.url,
      type,
      action,
      timestamp: context.timestamp * 1000,
      data: payloadOf(context, data),
    });
}

const spec: ProviderSpec = {
  name: 'linear',
  secret: "the webhook's signing secret",
  defaultSecret: 'dev-linear-secret',
  receiver: ({ secret, now, tolerance }) => linear({ secret, now, tolerance }),
  samples: {
    'Issue.create': {
      description: 'an issue created',
      sign: signed('Issue', 'create', {
        id: '2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9',
        identifier: 'ENG-42',
        title: 'Webhook retries',
        priority: 2,
        state: { name: 'Todo' },
        teamId: '72b2a2dc-6f4f-4423-9d34-24b5bd10634a',
      }),
    },
    'Comment.create': {
      description: 'a comment added',
      sign: signed('Comment', 'create', {
        id: 'b4c2b7a4-8f1c-4bd0-9f3e-1c5a6d7e8f90',
        body: 'Looks good to me',
        issueId: '2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9',
      }),
    },
  },
};

export default spec;
