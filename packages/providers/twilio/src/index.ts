import {
  checkPublicUrl,
  defineProvider,
  normalizeSecrets,
  publicRequestUrl,
  WebhookConfigError,
} from '@hookwire/core';
import type { TwilioEvents } from './events.js';
import type { TwilioOptions } from './options.js';
import { parseTwilioEvent } from './parse.js';
import { twimlResponse } from './response.js';
import { type TwilioKeys, verifyTwilioSignature } from './verify.js';

export type * from './events.js';
export type { TwilioOptions } from './options.js';

/**
 * A receiver for Twilio webhooks (voice, messaging and other callbacks): verifies
 * `X-Twilio-Signature` over the requested URL and the POST parameters (or `bodySHA256` for JSON
 * bodies) and names events `message.received`, `call.completed`, … Handlers may return TwiML.
 *
 * @example
 * const receiver = twilio({ secret: process.env.TWILIO_AUTH_TOKEN! });
 * receiver.on('message.received', (event) => `<Response><Message>Got ${event.payload.Body}</Message></Response>`);
 */
export const twilio = defineProvider<TwilioOptions, TwilioKeys, TwilioEvents>({
  title: 'Twilio',
  methods: ['POST', 'GET'],
  setup(options) {
    if (options.secret === undefined && options.sharedKey === undefined) {
      throw new WebhookConfigError('Twilio: set `secret` (the Auth Token) or `sharedKey`.');
    }
    checkPublicUrl(options.publicUrl, 'Twilio');
    return {
      authTokens: options.secret === undefined ? [] : normalizeSecrets(options.secret, 'Twilio'),
      sharedKeys:
        options.sharedKey === undefined ? [] : normalizeSecrets(options.sharedKey, 'Twilio SharedKey'),
    };
  },
  verify: (request, { options, state }) =>
    verifyTwilioSignature(request, publicRequestUrl(request, options.publicUrl), state),
  parse: (request, { options }) => parseTwilioEvent(request, publicRequestUrl(request, options.publicUrl)),
  successResponse: (_events, replies) => twimlResponse(replies),
});
