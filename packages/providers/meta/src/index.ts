import {
  type BaseReceiverOptions,
  defineProvider,
  normalizeSecrets,
  WebhookConfigError,
} from '@hookwire/core';
import type { MetaEvents } from './events.js';
import { answerMetaVerification } from './handshake.js';
import { parseMetaNotification } from './parse.js';
import { verifyMetaSignature } from './verify.js';

export type * from './events.js';

export interface MetaOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The App Secret (App settings → Basic); an array accepts several during a rotation. */
  secret: string | string[];
  /** The Verify Token you typed next to the callback URL; an array accepts several. */
  verifyToken: string | string[];
}

/**
 * A receiver for Meta webhooks (Facebook Pages, Messenger, Instagram, WhatsApp Business): answers
 * the `hub.challenge` verification request, verifies `X-Hub-Signature-256` (HMAC-SHA256 of the raw
 * body under the app secret) and emits one event per change or messaging item.
 *
 * @example
 * const receiver = meta({ secret: process.env.META_APP_SECRET!, verifyToken: process.env.META_VERIFY_TOKEN! });
 * receiver.on('whatsapp_business_account.messages', (event) => console.log(event.payload.messages?.[0]?.text?.body));
 */
export const meta = defineProvider<MetaOptions, { secrets: string[]; verifyTokens: string[] }, MetaEvents>({
  title: 'Meta',
  setup: (options) => {
    if (options.verifyToken === undefined) {
      throw new WebhookConfigError(
        'Meta: the `verifyToken` option is required (the Verify Token typed next to the callback URL).',
      );
    }
    return {
      secrets: normalizeSecrets(options.secret, 'Meta'),
      verifyTokens: normalizeSecrets(options.verifyToken, 'Meta verifyToken'),
    };
  },
  handshake: (request, { state }) => answerMetaVerification(request, state.verifyTokens),
  verify: (request, { state }) => verifyMetaSignature(request, state.secrets),
  parse: parseMetaNotification,
});
