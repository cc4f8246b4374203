import { type CodeReceiverOptions, defineCodeProvider, parseFormBody, WebhookError } from '@hookwire/core';
import type { WordPressEvents } from './events.js';

export type { WordPressEvents, WordPressHookFields } from './events.js';

export type WordPressOptions = CodeReceiverOptions;

/**
 * A receiver for WordPress webhooks (WordPress.com / Jetpack "Webhooks", HookPress): form-encoded
 * posts, authorised by the `code` query parameter since WordPress signs nothing, and named by the
 * `hook` field (`publish_post`, `comment_post`, …), as ASP.NET WebHooks read them.
 *
 * @example
 * const receiver = wordpress({ code: process.env.WORDPRESS_WEBHOOK_CODE! });
 * receiver.on('publish_post', (event) => console.log(event.payload.post_title, event.payload.post_url));
 */
export const wordpress = defineCodeProvider<WordPressEvents, WordPressOptions>({
  title: 'WordPress',
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
