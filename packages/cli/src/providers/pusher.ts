import { pusher } from '@hookwire/pusher';
import { signPusherRequest } from '@hookwire/pusher/testing';
import type { ProviderSpec, SignContext } from './spec.js';

/** `key:secret`, or a bare secret for the demo's app key `dev-pusher-key`. */
function app(secret: string): { key: string; secret: string } {
  const colon = secret.indexOf(':');
  return colon === -1
    ? { key: 'dev-pusher-key', secret }
    : { key: secret.slice(0, colon), secret: secret.slice(colon + 1) };
}

function signed(events: { name: string; [key: string]: unknown }[]) {
  return (context: SignContext) =>
    signPusherRequest({
      ...app(context.secret),
      url: context.url,
      timeMs: context.timestamp * 1000,
      events: (context.data as typeof events) ?? events,
    });
}

const spec: ProviderSpec = {
  name: 'pusher',
  secret: "the app's key:secret (a bare value is the secret of the key dev-pusher-key)",
  defaultSecret: 'dev-pusher-secret',
  receiver: ({ secret, now, tolerance }) => {
    const { key, secret: appSecret } = app(secret);
    return pusher({ apps: { [key]: appSecret }, now, tolerance });
  },
  samples: {
    channel_occupied: {
      description: 'a channel got its first subscriber',
      sign: signed([{ name: 'channel_occupied', channel: 'presence-room-42' }]),
    },
    member_added: {
      description: 'a member joined a presence channel',
      sign: signed([{ name: 'member_added', channel: 'presence-room-42', user_id: 'user-7' }]),
    },
    client_event: {
      description: 'a client event on a channel',
      sign: signed([
        {
          name: 'client_event',
          channel: 'private-chat',
          event: 'client-typing',
          data: '{"typing":true}',
          socket_id: '123.456',
        },
      ]),
    },
  },
};

export default spec;
