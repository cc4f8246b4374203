import { defineSignedProvider, timestampWindow } from '@hookwire/core';
import type { PaddleEvents } from './events.js';
import type { PaddleOptions } from './options.js';
import { parsePaddleEvent } from './parse.js';
import { verifyPaddleSignature } from './verify.js';

export type * from './events.js';
export type { PaddleOptions } from './options.js';

/**
 * A receiver for Paddle Billing webhooks: verifies `Paddle-Signature` (`ts=…;h1=…`, HMAC-SHA256 of
 * `ts:body`, any of several `h1`) with Paddle's 5-second window, and names events by `event_type`.
 *
 * @example
 * const receiver = paddle({ secret: process.env.PADDLE_WEBHOOK_SECRET! });
 * receiver.on('transaction.completed', (event) => console.log(event.payload.data.id));
 */
export const paddle = defineSignedProvider<PaddleEvents, PaddleOptions>({
  title: 'Paddle',
  tolerance: 5,
  verify: (request, ctx) =>
    verifyPaddleSignature(request, {
      secrets: ctx.state.secrets,
      ...timestampWindow(ctx),
    }),
  parse: parsePaddleEvent,
});
