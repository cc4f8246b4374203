import {
  defineProvider,
  normalizeSecrets,
  requireHeader,
  timingSafeEqual,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import type { OktaEvents } from './events.js';
import type { OktaOptions } from './options.js';
import { parseOktaRequest } from './parse.js';

export type { OktaEventHookDelivery, OktaEvents, OktaEventType, OktaLogEvent } from './events.js';
export type { OktaOptions } from './options.js';

interface OktaState {
  secrets: string[];
  headerName: string;
}

/**
 * A receiver for Okta event hooks. Okta signs nothing: every request, the one-time verification GET
 * included, carries the header value you configured, compared here in constant time. Answers the
 * verification challenge, then turns each item of `data.events` into an event named by `eventType`.
 *
 * @example
 * const receiver = okta({ secret: process.env.OKTA_HOOK_AUTHORIZATION! });
 * receiver.on('user.lifecycle.create', (event) => console.log(event.payload.target?.[0]?.alternateId));
 */
export const okta = defineProvider<OktaOptions, OktaState, OktaEvents>({
  title: 'Okta',
  methods: ['POST', 'GET'],
  setup(options) {
    const headerName = (options.headerName ?? 'authorization').toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(headerName)) {
      throw new WebhookConfigError('Okta: `headerName` is not a valid HTTP header name.');
    }
    return { secrets: normalizeSecrets(options.secret, 'Okta'), headerName };
  },
  verify(request, { state }) {
    const value = requireHeader(
      request,
      state.headerName,
      "Set it as the event hook's authentication field at Okta.",
    );
    if (!state.secrets.some((secret) => timingSafeEqual(secret, value))) {
      throw new WebhookError(
        'unauthorized',
        `The ${state.headerName} header does not match the value configured here. Check the event hook's authentication field at Okta.`,
      );
    }
  },
  parse: parseOktaRequest,
  // Okta asks for an empty 200 or 204 to event deliveries.
  successResponse: () => ({ status: 200 }),
});
