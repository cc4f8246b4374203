import {
  defineProvider,
  normalizeSecrets,
  searchParams,
  textResponse,
  WebhookConfigError,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import type { MicrosoftGraphEvents } from './events.js';
import { checkClientStates, parseNotifications } from './notifications.js';
import type { MicrosoftGraphOptions } from './options.js';

export type * from './events.js';
export type { MicrosoftGraphOptions } from './options.js';

/**
 * Graph validates a notification URL (on subscribe, and for lifecycle URLs) with a POST carrying
 * `?validationToken=…`; the token must come back decoded, as plain text, within 10 seconds.
 */
function answerValidation(request: WebhookRequest): WebhookResponse | undefined {
  if (request.method !== 'POST') return undefined;
  const token = searchParams(request).get('validationToken');
  if (token === null) return undefined;
  return textResponse(200, token, { 'x-content-type-options': 'nosniff' });
}

/**
 * A receiver for Microsoft Graph change notifications: answers the `validationToken` handshake,
 * requires every notification's `clientState` to match (constant time), and turns each item of
 * `value` into an event named by its `changeType` or `lifecycleEvent`. Answers 202.
 *
 * @example
 * const receiver = microsoftGraph({ clientState: process.env.GRAPH_CLIENT_STATE! });
 * receiver.on('created', (event) => console.log(event.payload.resource));
 * receiver.on('reauthorizationRequired', (event) => renew(event.payload.subscriptionId));
 */
export const microsoftGraph = defineProvider<
  MicrosoftGraphOptions,
  { clientStates: string[] },
  MicrosoftGraphEvents
>({
  title: 'Microsoft Graph',
  setup(options) {
    if (options.clientState === undefined) {
      throw new WebhookConfigError(
        'Microsoft Graph: the `clientState` option is required (the value given when creating the subscription).',
      );
    }
    const clientStates = normalizeSecrets(options.clientState, 'Microsoft Graph clientState');
    if (clientStates.some((value) => value.length > 255)) {
      throw new WebhookConfigError('Microsoft Graph: a clientState is at most 255 characters.');
    }
    return { clientStates };
  },
  handshake: answerValidation,
  verify: (request, { state }) => checkClientStates(request, state.clientStates),
  parse: parseNotifications,
  successResponse: () => ({ status: 202 }),
});
