import type { BaseReceiverOptions } from '@hookwire/core';
import { defineStandardWebhooksProvider } from '@hookwire/standard-webhooks';
import type { ClerkEvents } from './events.js';

export type * from './events.js';

export interface ClerkOptions extends BaseReceiverOptions {
  /** The endpoint's signing secret (`whsec_…`) from the Clerk Dashboard; an array accepts several. */
  secret: string | string[];
}

/**
 * A receiver for Clerk webhooks. Clerk sends them through Svix: Standard Webhooks signatures under
 * `svix-id`, `svix-timestamp` and `svix-signature` (read first; `webhook-*` names also work), a
 * 5-minute window both ways, the event name in the body's `type` (`user.created`) and the
 * `svix-id` as event id.
 *
 * @example
 * const receiver = clerk({ secret: process.env.CLERK_WEBHOOK_SECRET! });
 * receiver.on('user.created', (event) => console.log(event.payload.data.id));
 */
export const clerk = defineStandardWebhooksProvider<ClerkOptions, ClerkEvents>({
  title: 'Clerk',
  headerPrefixes: ['svix', 'webhook'],
});
