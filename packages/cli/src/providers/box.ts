import { box } from '@hookwire/box';
import { signBoxRequest } from '@hookwire/box/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(trigger: string, source: Record<string, unknown>) {
  return (context: SignContext) =>
    signBoxRequest({
      primaryKey: context.secret,
      url: context.url,
      timestamp: new Date(context.timestamp * 1000),
      payload: payloadOf(context, {
        type: 'webhook_event',
        id: 'eac4a2a0-d7ef-4a2f-b7d3-4e7f2a1b0c9d',
        created_at: '2026-03-02T10:15:00-08:00',
        trigger,
        webhook: { id: '160018', type: 'webhook' },
        created_by: { type: 'user', id: '2030388321', name: 'Aaron Levie', login: 'aaron@example.com' },
        source,
      }),
    });
}

const spec: ProviderSpec = {
  name: 'box',
  secret: "the app's primary signature key",
  defaultSecret: 'dev-box-secret',
  receiver: ({ secret, now, tolerance }) => box({ primaryKey: secret, now, tolerance }),
  samples: {
    'FILE.UPLOADED': {
      description: 'a file uploaded',
      sign: signed('FILE.UPLOADED', {
        id: '12345',
        type: 'file',
        name: 'report.pdf',
        parent: { id: '0', type: 'folder' },
      }),
    },
    'FOLDER.CREATED': {
      description: 'a folder created',
      sign: signed('FOLDER.CREATED', { id: '7654', type: 'folder', name: 'Contracts' }),
    },
  },
};

export default spec;
