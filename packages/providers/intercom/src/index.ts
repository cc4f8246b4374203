import { defineSignedProvider } from '@hookwire/core';
import type { IntercomEvents } from './events.js';
import type { IntercomOptions } from './options.js';

export type * from './events.js';
export type { IntercomOptions } from './options.js';

/**
 * A receiver for Intercom webhooks: verifies `X-Hub-Signature: sha1=<hex>` (HMAC-SHA1 of the raw
 * body under the app's client secret) and names events by `topic` (`conversation.user.created`,
 * `ping`), with the notification `id` as id.
 *
 * @example
 * const receiver = intercom({ secret: process.env.INTERCOM_CLIENT_SECRET! });
 * receiver.on('conversation.user.created', (event) => triage(event.payload.data.item));
 */
export const intercom = defineSignedProvider<IntercomEvents, IntercomOptions>({
  title: 'Intercom',
  signature: { header: 'X-Hub-Signature', algorithm: 'sha1', prefix: 'sha1=' },
  hint: 'Intercom signs notifications with the app client secret.',
  event: {
    name: 'topic',
    id: 'id',
    meta: (body) => ({
      appId: body.app_id,
      deliveryAttempts: body.delivery_attempts,
      firstSentAt: body.first_sent_at,
    }),
  },
});
