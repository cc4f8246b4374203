import { type CodeReceiverOptions, defineCodeProvider, parseJsonBody, searchParams } from '@hookwire/core';

export interface GenericJsonOptions extends CodeReceiverOptions {
  /** The secret the sender puts in the URL as `?code=` (32–128 characters); an array during a rotation. */
  code: string | string[];
}

/**
 * A receiver for any sender that can POST JSON to a URL (IFTTT, Zapier, scripts): the `code` query
 * parameter must match, and the event is named by the `action` query parameter (default `change`),
 * as ASP.NET WebHooks' generic JSON receiver did.
 *
 * @example
 * const receiver = genericJson({ code: process.env.GENERIC_WEBHOOK_CODE! });
 * // POST https://example.com/webhooks/generic?code=…&action=new_lead
 * receiver.on('new_lead', (event) => console.log(event.payload));
 */
export const genericJson = defineCodeProvider<Record<string, unknown>, GenericJsonOptions>({
  title: 'Generic JSON',
  parse: (request) => ({
    name: searchParams(request).get('action') || 'change',
    payload: parseJsonBody(request, 'Generic JSON'),
  }),
});
