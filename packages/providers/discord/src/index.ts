import type { KeyObject } from 'node:crypto';
import { defineProvider, ed25519PublicKey, timestampWindow, WebhookConfigError } from '@hookwire/core';
import type { DiscordEvents } from './events.js';
import type { DiscordOptions } from './options.js';
import { parseDiscordRequest } from './parse.js';
import { discordResponse } from './response.js';
import { verifyDiscordSignature } from './verify.js';

export type * from './events.js';
export { InteractionResponseType, InteractionType } from './events.js';
export type { DiscordOptions } from './options.js';

/**
 * A receiver for Discord interactions and webhook events: verifies the ed25519 signature over the
 * timestamp and the raw body (401 on any failure), answers both PINGs, names interactions
 * `interaction.application_command` (…) and webhook events by their type (`ENTITLEMENT_CREATE`).
 *
 * @example
 * const receiver = discord({ publicKey: process.env.DISCORD_PUBLIC_KEY! });
 * receiver.on('interaction.application_command', (event) => ({ type: 4, data: { content: 'pong' } }));
 */
export const discord = defineProvider<DiscordOptions, { keys: KeyObject[] }, DiscordEvents>({
  title: 'Discord',
  setup(options) {
    const input = options.publicKey;
    const list = Array.isArray(input) ? input : input === undefined ? [] : [input];
    if (list.length === 0) throw new WebhookConfigError('Discord: the `publicKey` option is required.');
    return {
      keys: list.map((key) => {
        try {
          return ed25519PublicKey(key);
        } catch (cause) {
          throw new WebhookConfigError(
            "Discord: `publicKey` must be the application's public key from the Developer Portal (64 hex characters).",
            { cause },
          );
        }
      }),
    };
  },
  verify: (request, ctx) =>
    verifyDiscordSignature(request, {
      keys: ctx.state.keys,
      ...(ctx.options.tolerance === undefined ? {} : { window: timestampWindow(ctx) }),
    }),
  parse: parseDiscordRequest,
  successResponse: discordResponse,
});
