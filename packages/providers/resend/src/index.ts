import type { BaseReceiverOptions } from '@hookwire/core';
import { defineStandardWebhooksProvider } from '@hookwire/standard-webhooks';
import type { ResendEvents } from './events.js';

export type * from './events.js';

export interface ResendOptions extends BaseReceiverOptions {
  /** The webhook's signing secret (`whsec_…`) from the Resend dashboard; an array accepts several. */
  secret: string | string[];
}

/**
 * A receiver for Resend webhooks. Resend sends them through Svix: Standard Webhooks signatures
 * under `svix-id`, `svix-timestamp` and `svix-signature` (read first; `webhook-*` names also work),
 * a 5-minute window both ways, the event name in the body's `type` (`email.delivered`) and the
 * `svix-id` as event id.
 *
 * @example
 * const receiver = resend({ secret: process.env.RESEND_WEBHOOK_SECRET! });
 * receiver.on('email.bounced', (event) => console.log(event.payload.data.to));
 */
export const resend = defineStandardWebhooksProvider<ResendOptions, ResendEvents>({
  title: 'Resend',
  headerPrefixes: ['svix', 'webhook'],
});
