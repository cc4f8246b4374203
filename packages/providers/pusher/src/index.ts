import { defineProvider, normalizeSecrets, WebhookConfigError } from '@hookwire/core';
import type { PusherEvents } from './events.js';
import type { PusherOptions } from './options.js';
import { parsePusherWebhook } from './parse.js';
import { verifyPusherSignature } from './verify.js';

export type * from './events.js';
export type { PusherOptions } from './options.js';

/**
 * A receiver for Pusher Channels webhooks: selects the app by `X-Pusher-Key`, verifies
 * `X-Pusher-Signature` with that app's secret, checks the signed `time_ms`, and emits every
 * element of `events` as its own event (`channel_occupied`, `member_added`, `client_event`, …).
 *
 * @example
 * const receiver = pusher({ apps: { [process.env.PUSHER_KEY!]: process.env.PUSHER_SECRET! } });
 * receiver.on('member_added', (event) => console.log(event.payload.user_id, 'joined', event.payload.channel));
 */
export const pusher = defineProvider<PusherOptions, { apps: Map<string, string[]> }, PusherEvents>({
  title: 'Pusher',
  tolerance: 600,
  setup: (options) => ({ apps: normalizeApps(options.apps) }),
  verify: (request, { state }) => verifyPusherSignature(request, state.apps),
  parse: (request, ctx) => parsePusherWebhook(request, ctx.now(), ctx.tolerance),
});

function normalizeApps(apps: PusherOptions['apps'] | undefined): Map<string, string[]> {
  if (typeof apps !== 'object' || apps === null || Object.keys(apps).length === 0) {
    throw new WebhookConfigError(
      'Pusher: `apps` must map at least one app key to its secret: { [key]: secret }.',
    );
  }
  const map = new Map<string, string[]>();
  for (const [key, secret] of Object.entries(apps)) {
    if (key.trim() === '' || key.trim() !== key) {
      throw new WebhookConfigError('Pusher: an app key in `apps` is empty or has surrounding whitespace.');
    }
    map.set(key, normalizeSecrets(secret, `Pusher (app key ${key})`));
  }
  return map;
}
