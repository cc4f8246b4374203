import {
  defineProvider,
  normalizeSecrets,
  requireHeader,
  verifySignatureHeader,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import type { NotionEvents } from './events.js';
import type { NotionOptions } from './options.js';
import { parseNotionEvent } from './parse.js';
import { answerVerification, verificationToken } from './verification.js';

export type * from './events.js';
export type { NotionOptions } from './options.js';

const HEADER = 'X-Notion-Signature';
const PREFIX = 'sha256=';
const HINT = 'Notion signs every event it delivers.';

/**
 * A receiver for Notion integration webhooks. Hands the one-time `verification_token` request to
 * `onVerificationToken`, then checks `X-Notion-Signature: sha256=<hex>` (HMAC-SHA256 of the raw body
 * with that token) and names events by `type` (`page.created`).
 *
 * @example
 * const receiver = notion({ secret: process.env.NOTION_VERIFICATION_TOKEN, onVerificationToken: (t) => console.log(t) });
 * receiver.on('page.content_updated', (event) => console.log(event.payload.entity.id));
 */
export const notion = defineProvider<NotionOptions, { secrets: string[] }, NotionEvents>({
  title: 'Notion',
  setup(options) {
    if (options.secret === undefined && typeof options.onVerificationToken !== 'function') {
      throw new WebhookConfigError(
        'Notion: give `secret` (the verification_token of the subscription) or `onVerificationToken` (to receive it).',
      );
    }
    return { secrets: options.secret === undefined ? [] : normalizeSecrets(options.secret, 'Notion') };
  },
  verify(request, { state }) {
    // The verification request is unsigned by design; parse answers it and delivers nothing.
    if (verificationToken(request) !== undefined) return;
    if (state.secrets.length === 0) {
      requireHeader(request, HEADER, HINT);
      throw new WebhookError(
        'unauthorized',
        'No Notion verification_token is configured yet: pass it as `secret` once onVerificationToken received it.',
      );
    }
    verifySignatureHeader(request, {
      header: HEADER,
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: PREFIX,
      secrets: state.secrets,
      provider: 'Notion',
      hint: HINT,
    });
  },
  async parse(request, { options }) {
    const token = verificationToken(request);
    if (token !== undefined)
      return { response: await answerVerification(token, request, options.onVerificationToken) };
    return parseNotionEvent(request);
  },
});
