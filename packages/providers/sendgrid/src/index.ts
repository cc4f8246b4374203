import type { KeyObject } from 'node:crypto';
import { defineProvider, timestampWindow } from '@hookwire/core';
import type { SendGridEvents } from './events.js';
import { loadPublicKeys } from './key.js';
import type { SendGridOptions } from './options.js';
import { parseSendGridEvents } from './parse.js';
import { verifySendGridSignature } from './verify.js';

export type * from './events.js';
export type { SendGridOptions } from './options.js';

/**
 * A receiver for the SendGrid Signed Event Webhook: verifies the ECDSA P-256 signature over the
 * timestamp and the raw body, and yields one event per array element (`delivered`, `open`, …).
 *
 * @example
 * const receiver = sendgrid({ publicKey: process.env.SENDGRID_WEBHOOK_PUBLIC_KEY! });
 * receiver.on('bounce', (event) => console.log(event.payload.email, event.payload.reason));
 */
export const sendgrid = defineProvider<SendGridOptions, { keys: KeyObject[] }, SendGridEvents>({
  title: 'SendGrid',
  tolerance: 300,
  setup: (options) => ({ keys: loadPublicKeys(options.publicKey) }),
  verify: (request, ctx) =>
    verifySendGridSignature(request, {
      keys: ctx.state.keys,
      ...timestampWindow(ctx),
    }),
  parse: parseSendGridEvents,
});
