import { defineProvider, normalizeSecrets, WebhookConfigError } from '@hookwire/core';
import type { SquareEvents } from './events.js';
import type { SquareOptions } from './options.js';
import { parseSquareEvent } from './parse.js';
import { type SquareCheck, verifySquareSignature } from './verify.js';

export type * from './events.js';
export type { SquareOptions } from './options.js';

/**
 * A receiver for Square webhooks: verifies `x-square-hmacsha256-signature` over the notification
 * URL and the raw body, and names events by `type` (`payment.updated`).
 *
 * @example
 * const receiver = square({
 *   secret: process.env.SQUARE_SIGNATURE_KEY!,
 *   notificationUrl: 'https://hooks.example.com/webhooks/square',
 * });
 * receiver.on('payment.updated', (event) => console.log(event.payload.data.object?.payment.status));
 */
export const square = defineProvider<SquareOptions, SquareCheck, SquareEvents>({
  title: 'Square',
  setup(options) {
    if (typeof options.notificationUrl !== 'string' || !/^https?:\/\/[^/]/.test(options.notificationUrl)) {
      throw new WebhookConfigError(
        'Square: `notificationUrl` must be the absolute notification URL configured on the webhook subscription.',
      );
    }
    return {
      secrets: normalizeSecrets(options.secret, 'Square'),
      notificationUrl: options.notificationUrl,
      allowSha1: options.allowSha1 ?? false,
    };
  },
  verify: (request, { state }) => verifySquareSignature(request, state),
  parse: parseSquareEvent,
});
