import { defineProvider, normalizeCodes, verifyCodeParameter } from '@hookwire/core';
import type { MailchimpEvents } from './events.js';
import type { MailchimpOptions } from './options.js';
import { parseMailchimpEvent } from './parse.js';

export type * from './events.js';
export type { MailchimpOptions } from './options.js';

/**
 * A receiver for Mailchimp (Marketing) audience webhooks. Mailchimp signs nothing, so each POST
 * must carry the configured `code` query parameter over https; so must the validator's GET, which
 * is then answered 200; the form-encoded body becomes `{ type, fired_at, data: { merges: { EMAIL, … } } }`, named by
 * `type` (`subscribe`, `unsubscribe`, `profile`, `upemail`, `cleaned`, `campaign`).
 *
 * @example
 * const receiver = mailchimp({ code: process.env.MAILCHIMP_WEBHOOK_CODE! });
 * receiver.on('subscribe', (event) => console.log(event.payload.data.email));
 */
export const mailchimp = defineProvider<MailchimpOptions, { codes: string[] }, MailchimpEvents>({
  title: 'Mailchimp',
  setup: (options) => ({ codes: normalizeCodes(options.code, 'Mailchimp') }),
  // Mailchimp's "WebHook Validator" GETs the registered URL (so with its code) when the webhook is
  // saved and wants a 200. The code is checked first: a URL without it must not look valid.
  handshake(request, { state }) {
    if (request.method !== 'GET') return undefined;
    verifyCodeParameter(request, state.codes, 'Mailchimp');
    return { status: 200 };
  },
  verify: (request, { state }) => verifyCodeParameter(request, state.codes, 'Mailchimp'),
  parse: parseMailchimpEvent,
});
