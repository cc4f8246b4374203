import {
  checkPublicUrl,
  defineProvider,
  normalizeSecrets,
  parseFormBody,
  publicRequestUrl,
  verifySignatureHeader,
} from '@hookwire/core';
import type { MandrillEvents } from './events.js';
import type { MandrillOptions } from './options.js';
import { parseMandrillEvents } from './parse.js';
import { mandrillSignedData } from './signature.js';

export type * from './events.js';
export type { MandrillOptions } from './options.js';

/**
 * A receiver for Mandrill (Mailchimp Transactional) webhooks: checks `X-Mandrill-Signature`, the
 * base64 HMAC-SHA1 of the webhook URL followed by the sorted POST fields, answers Mandrill's HEAD
 * check, and turns each item of `mandrill_events` into an event named by `event` (`send`, `open`…).
 *
 * @example
 * const receiver = mandrill({ secret: process.env.MANDRILL_WEBHOOK_KEY!, publicUrl: 'https://example.com' });
 * receiver.on('hard_bounce', (event) => suppress(event.payload.msg.email));
 */
export const mandrill = defineProvider<MandrillOptions, { secrets: string[] }, MandrillEvents>({
  title: 'Mandrill',
  setup(options) {
    checkPublicUrl(options.publicUrl, 'Mandrill');
    return { secrets: normalizeSecrets(options.secret, 'Mandrill') };
  },
  // Mandrill checks that the URL answers with a HEAD request when the webhook is added.
  handshake: (request) => (request.method === 'HEAD' ? { status: 200 } : undefined),
  verify(request, { state, options }) {
    verifySignatureHeader(request, {
      header: 'X-Mandrill-Signature',
      algorithm: 'sha1',
      encoding: 'base64',
      secrets: state.secrets,
      provider: 'Mandrill',
      hint: 'Mandrill signs every webhook POST.',
      parts: [mandrillSignedData(publicRequestUrl(request, options.publicUrl), parseFormBody(request))],
    });
  },
  parse: parseMandrillEvents,
});
