import { asana } from '@hookwire/asana';
import { createAsanaHandshake, signAsanaRequest } from '@hookwire/asana/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'asana',
  secret: 'the X-Hook-Secret of the handshake',
  defaultSecret: 'dev-asana-secret',
  receiver: ({ secret }) => asana({ secret }),
  samples: {
    'task.changed': {
      description: 'a task changed',
      sign: (context) =>
        signAsanaRequest({
          secret: context.secret,
          url: context.url,
          events: payloadOf(context, [
            {
              user: { gid: '1201234567890123', resource_type: 'user' },
              created_at: '2026-03-02T10:15:00.000Z',
              action: 'changed',
              resource: { gid: '1209876543210987', resource_type: 'task', resource_subtype: 'default_task' },
              parent: null,
              change: { field: 'completed', action: 'changed' },
            },
          ] as never[]),
        }),
    },
    handshake: {
      description: 'the X-Hook-Secret handshake when the webhook is created',
      sign: (context) => createAsanaHandshake({ secret: context.secret, url: context.url }),
    },
  },
};

export default spec;
