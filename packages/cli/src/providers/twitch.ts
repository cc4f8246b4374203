import { twitch } from '@hookwire/twitch';
import { signTwitchRequest } from '@hookwire/twitch/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(subscriptionType: string, event: unknown) {
  return (context: SignContext) =>
    signTwitchRequest({
      secret: context.secret,
      url: context.url,
      subscriptionType,
      timestamp: new Date(context.timestamp * 1000),
      event: payloadOf(context, event),
    });
}

const broadcaster = {
  broadcaster_user_id: '1337',
  broadcaster_user_login: 'cool_user',
  broadcaster_user_name: 'Cool_User',
};

const spec: ProviderSpec = {
  name: 'twitch',
  secret: "the EventSub subscription's secret",
  defaultSecret: 'dev-twitch-secret',
  receiver: ({ secret, now, tolerance }) => twitch({ secret, now, tolerance }),
  samples: {
    'channel.follow': {
      description: 'a new follower',
      sign: signed('channel.follow', {
        user_id: '1234',
        user_login: 'cool_user',
        user_name: 'Cool_User',
        ...broadcaster,
        followed_at: '2026-03-02T10:15:00.000Z',
      }),
    },
    'stream.online': {
      description: 'a stream went live',
      sign: signed('stream.online', {
        id: '9001',
        ...broadcaster,
        type: 'live',
        started_at: '2026-03-02T10:15:00Z',
      }),
    },
    webhook_callback_verification: {
      description: 'the challenge when a subscription is created',
      sign: (context) =>
        signTwitchRequest({
          secret: context.secret,
          url: context.url,
          messageType: 'webhook_callback_verification',
          subscriptionType: 'channel.follow',
          challenge: 'pogchamp-kappa-360noscope-vohiyo',
          timestamp: new Date(context.timestamp * 1000),
        }),
    },
  },
};

export default spec;
