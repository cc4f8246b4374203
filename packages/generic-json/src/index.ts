import {
  type BaseReceiverOptions,
  defineProvider,
  normalizeCodes,
  parseJsonBody,
  searchParams,
  verifyCodeParameter,
} from '@hookwire/core';

export interface GenericJsonOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
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
export const genericJson = defineProvider<GenericJsonOptions, { codes: string[] }>({
  name: 'generic-json',
  title: 'Generic JSON',
  setup: (options) => ({ codes: normalizeCodes(options.code, 'Generic JSON') }),
  verify: (request, { state }) => verifyCodeParameter(request, state.codes, 'Generic JSON'),
  parse: (request) => ({
    name: searchParams(request).get('action') || 'change',
    payload: parseJsonBody(request, 'Generic JSON'),
  }),
});
