import { defineProvider, normalizeSecrets, timestampWindow, WebhookConfigError } from '@hookwire/core';
import type { TwitchEvents } from './events.js';
import type { TwitchOptions } from './options.js';
import { parseTwitchMessage } from './parse.js';
import { verifyTwitchSignature } from './verify.js';

export type { TwitchEvents, TwitchNotification, TwitchSubscription } from './events.js';
export type { TwitchOptions } from './options.js';

/**
 * A receiver for Twitch EventSub webhooks: verifies `Twitch-Eventsub-Message-Signature` over the
 * message id, timestamp and raw body, refuses messages more than 10 minutes off, answers the
 * callback verification challenge, and names notifications by subscription type (`channel.follow`).
 *
 * @example
 * const receiver = twitch({ secret: process.env.TWITCH_EVENTSUB_SECRET! });
 * receiver.on('stream.online', (event) => console.log(event.payload.event.broadcaster_user_name, 'is live'));
 */
export const twitch = defineProvider<TwitchOptions, { secrets: string[] }, TwitchEvents>({
  title: 'Twitch',
  tolerance: 600,
  setup(options) {
    const secrets = normalizeSecrets(options.secret, 'Twitch');
    if (
      secrets.some((secret) => secret.length < 10 || secret.length > 100 || !/^[\x20-\x7e]+$/.test(secret))
    ) {
      throw new WebhookConfigError(
        'Twitch: an EventSub secret is 10 to 100 ASCII characters (Twitch refuses others when the subscription is created).',
      );
    }
    return { secrets };
  },
  verify: (request, ctx) =>
    verifyTwitchSignature(request, {
      secrets: ctx.state.secrets,
      ...timestampWindow(ctx),
    }),
  parse: parseTwitchMessage,
});
