import { notion } from '@hookwire/notion';
import { createNotionVerificationRequest, signNotionRequest } from '@hookwire/notion/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, event: Record<string, unknown>) {
  return (context: SignContext) =>
    signNotionRequest({ secret: context.secret, url: context.url, type, event: payloadOf(context, event) });
}

const spec: ProviderSpec = {
  name: 'notion',
  secret: "the subscription's verification_token",
  defaultSecret: 'dev-notion-secret',
  receiver: ({ secret }) => notion({ secret }),
  samples: {
    'page.content_updated': {
      description: 'a page edited',
      sign: signed('page.content_updated', {
        id: '56c6b1c2-4b8c-4b6b-9ac4-8f0f5a0f1e2d',
        timestamp: '2026-03-02T10:15:00.000Z',
        workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
        subscription_id: '29d75c0d-5546-4414-8459-7b7a92f1fc4b',
        integration_id: '0ef104cd-477e-4b56-9b3e-1b5e0a9e2c8f',
        authors: [{ id: 'c7c11cca-1d73-471d-9b6e-bdef51470190', type: 'person' }],
        entity: { id: '153104cd-477e-809d-8dc4-ff2d96ae3090', type: 'page' },
        data: { parent: { id: '13950b26-c203-4f3b-b97d-93ec06319565', type: 'space' } },
      }),
    },
    'page.created': {
      description: 'a page created',
      sign: signed('page.created', {
        entity: { id: '153104cd-477e-809d-8dc4-ff2d96ae3090', type: 'page' },
        timestamp: '2026-03-02T10:15:00.000Z',
      }),
    },
    verification: {
      description: 'the one-time verification_token request (unsigned)',
      sign: (context) =>
        createNotionVerificationRequest({ token: 'secret_hookwire_verification_token', url: context.url }),
    },
  },
};

export default spec;
