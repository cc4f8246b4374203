import { mandrill } from '@hookwire/mandrill';
import { signMandrillRequest } from '@hookwire/mandrill/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(event: string, msg: Record<string, unknown>) {
  return (context: SignContext) =>
    signMandrillRequest({
      secret: context.secret,
      url: context.url,
      events: payloadOf(context, [
        {
          event,
          _id: 'exampleaaaaaaaaaaaaaaaaaaaaaaaaa',
          ts: context.timestamp,
          msg: {
            ts: context.timestamp,
            email: 'example.webhook@mandrillapp.com',
            subject: 'This an example webhook message',
            state: 'sent',
            ...msg,
          },
        },
      ]),
    });
}

const spec: ProviderSpec = {
  name: 'mandrill',
  secret: "the webhook's key",
  defaultSecret: 'dev-mandrill-secret',
  receiver: ({ secret, url }) => mandrill({ secret, publicUrl: () => url }),
  samples: {
    send: { description: 'a message sent', sign: signed('send', {}) },
    open: { description: 'a message opened', sign: signed('open', { opens: [{ ts: 1365111111 }] }) },
    hard_bounce: {
      description: 'a hard bounce',
      sign: signed('hard_bounce', { state: 'bounced', bounce_description: 'bad_mailbox' }),
    },
  },
};

export default spec;
