import {
  type BaseReceiverOptions,
  defineProvider,
  normalizeCodes,
  parseFormBody,
  verifyCodeParameter,
  WebhookError,
} from '@hookwire/core';
import type { WordPressEvents } from './events.js';

export type { WordPressEvents, WordPressHookFields } from './events.js';

export interface WordPressOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret in the webhook URL's `?code=` (32–128 characters); an array during a rotation. */
  code: string | string[];
}

/**
 * A receiver for WordPress webhooks (WordPress.com / Jetpack "Webhooks", HookPress): form-encoded
 * posts, authorised by the `code` query parameter since WordPress signs nothing, and named by the
 * `hook` field (`publish_post`, `comment_post`, …), as ASP.NET WebHooks read them.
 *
 * @example
 * const receiver = wordpress({ code: process.env.WORDPRESS_WEBHOOK_CODE! });
 * receiver.on('publish_post', (event) => console.log(event.payload.post_title, event.payload.post_url));
 */
export const wordpress = defineProvider<WordPressOptions, { codes: string[] }, WordPressEvents>({
  name: 'wordpress',
  title: 'WordPress',
  setup: (options) => ({ codes: normalizeCodes(options.code, 'WordPress') }),
  verify: (request, { state }) => verifyCodeParameter(request, state.codes, 'WordPress'),
  parse: (request) => {
    const form = parseFormBody(request);
    const hook = form.get('hook');
    if (!hook) {
      throw new WebhookError(
        'malformed_body',
        'The WordPress webhook body has no `hook` field; it must be a form post (application/x-www-form-urlencoded) naming the action.',
      );
    }
    return { name: hook, payload: Object.fromEntries(form), meta: { form } };
  },
});
