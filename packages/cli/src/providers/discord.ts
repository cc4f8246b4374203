import { discord } from '@hookwire/discord';
import { signDiscordRequest } from '@hookwire/discord/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';
import { ed25519FromSeed } from './test-keys.js';

const HEX_KEY = /^[0-9a-f]{64}$/i;

function signed(payload: unknown) {
  return (context: SignContext) =>
    signDiscordRequest({
      privateKey: ed25519FromSeed(context.secret, 'discord').privateKey,
      url: context.url,
      timestamp: context.timestamp,
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'discord',
  secret:
    "the application's public key (64 hex) to verify real requests; any other value seeds a test key pair that trigger and listen share",
  defaultSecret: 'dev-discord-secret',
  receiver: ({ secret, now, tolerance }) =>
    discord({
      publicKey: HEX_KEY.test(secret) ? secret : ed25519FromSeed(secret, 'discord').publicKeyHex,
      now,
      tolerance,
    }),
  samples: {
    PING: {
      description: 'the PING Discord sends to check the Interactions Endpoint URL',
      sign: signed({ type: 1, id: '1200000000000000001', application_id: '1100000000000000000', version: 1 }),
    },
    APPLICATION_COMMAND: {
      description: 'a slash command (/hello)',
      sign: signed({
        type: 2,
        id: '1200000000000000002',
        application_id: '1100000000000000000',
        token: 'aW50ZXJhY3Rpb246MTIwMDAwMDAwMDAwMDAwMDAwMg',
        version: 1,
        guild_id: '290926798626357999',
        channel_id: '645027906669510667',
        member: { user: { id: '53908232506183680', username: 'Mason', global_name: 'Mason' }, roles: [] },
        data: { id: '771825006014889984', name: 'hello', type: 1 },
      }),
    },
  },
};

export default spec;
