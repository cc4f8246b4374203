import { type BaseReceiverOptions, defineProvider, type EventMap, normalizeSecrets } from '@hookwire/core';
import type { AspNetNotification } from './events.js';
import { answerAspNetEcho } from './handshake.js';
import { parseAspNetNotifications } from './parse.js';
import { verifyAspNetSignature } from './verify.js';

export type { AspNetNotification, AspNetWebHookBody } from './events.js';

export interface AspNetOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret given when registering with the sender; an array accepts several during a rotation. */
  secret: string | string[];
}

/**
 * A receiver for what a Microsoft ASP.NET WebHooks *sender* (WebHookManager / WebHookSender) emits,
 * so a Node service can subscribe to an existing .NET application: verifies `ms-signature:
 * sha256=<hex>` over the raw body, emits one event per `Notifications[].Action`, and answers the
 * `GET ?echo=` registration check.
 *
 * @example
 * const receiver = aspnet({ secret: process.env.ASPNET_WEBHOOK_SECRET! });
 * receiver.on('event1', (event) => console.log(event.payload, event.meta.attempt));
 */
export const aspnet = defineProvider<
  AspNetOptions,
  { secrets: string[] },
  EventMap & Record<string, AspNetNotification>
>({
  name: 'aspnet',
  title: 'ASP.NET WebHooks',
  setup: (options) => ({ secrets: normalizeSecrets(options.secret, 'ASP.NET WebHooks') }),
  handshake: answerAspNetEcho,
  verify: (request, { state }) => verifyAspNetSignature(request, state.secrets),
  parse: parseAspNetNotifications,
});
