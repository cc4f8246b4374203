import { airtable } from '@hookwire/airtable';
import { signAirtableRequest } from '@hookwire/airtable/testing';
import type { ProviderSpec } from './spec.js';

const spec: ProviderSpec = {
  name: 'airtable',
  secret: "the webhook's macSecretBase64",
  defaultSecret: Buffer.from('dev-airtable-secret').toString('base64'),
  receiver: ({ secret }) => airtable({ secret }),
  samples: {
    ping: {
      description: 'the notification that a base changed (fetch the payloads next)',
      sign: (context) =>
        context.data === undefined
          ? signAirtableRequest({
              secret: context.secret,
              url: context.url,
              baseId: 'appJd7XrZLdZYDnQb',
              webhookId: 'achW3dR2yBzcX4tBr',
              timestamp: new Date(context.timestamp * 1000).toISOString(),
            })
          : signAirtableRequest({
              secret: context.secret,
              url: context.url,
              body: JSON.stringify(context.data),
            }),
    },
  },
};

export default spec;
