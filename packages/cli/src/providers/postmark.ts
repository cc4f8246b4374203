import { postmark } from '@hookwire/postmark';
import { createPostmarkRequest } from '@hookwire/postmark/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

/** `user:password`, or a bare password for the user `hookwire` (the demo's). */
export function basicCredentials(secret: string): { username: string; password: string } {
  const colon = secret.indexOf(':');
  return colon === -1
    ? { username: 'hookwire', password: secret }
    : { username: secret.slice(0, colon), password: secret.slice(colon + 1) };
}

function signed(payload: Record<string, unknown>) {
  return (context: SignContext) =>
    createPostmarkRequest({
      ...basicCredentials(context.secret),
      url: context.url,
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'postmark',
  secret:
    'the Basic credentials of the webhook URL, user:password (a bare value is the password of user hookwire)',
  defaultSecret: 'dev-postmark-secret',
  receiver: ({ secret }) => postmark({ ...basicCredentials(secret) }),
  samples: {
    Delivery: {
      description: 'a message delivered',
      sign: signed({
        RecordType: 'Delivery',
        ServerID: 23,
        MessageStream: 'outbound',
        MessageID: '00000000-0000-0000-0000-000000000000',
        Recipient: 'john@example.com',
        Tag: 'welcome-email',
        DeliveredAt: '2026-03-02T10:15:00Z',
        Details: 'Test delivery webhook details',
      }),
    },
    Bounce: {
      description: 'a message bounced',
      sign: signed({
        RecordType: 'Bounce',
        ID: 42,
        Type: 'HardBounce',
        TypeCode: 1,
        Name: 'Hard bounce',
        MessageStream: 'outbound',
        MessageID: '00000000-0000-0000-0000-000000000000',
        Email: 'john@example.com',
        BouncedAt: '2026-03-02T10:15:00Z',
      }),
    },
    Open: {
      description: 'a message opened',
      sign: signed({
        RecordType: 'Open',
        MessageStream: 'outbound',
        MessageID: '00000000-0000-0000-0000-000000000000',
        Recipient: 'john@example.com',
        FirstOpen: true,
        ReceivedAt: '2026-03-02T10:15:00Z',
      }),
    },
  },
};

export default spec;
