import {
  defineProvider,
  normalizeSecrets,
  verifySignatureHeader,
  type WebhookResponse,
} from '@hookwire/core';
import type { XeroEvents } from './events.js';
import type { XeroOptions } from './options.js';
import { parseXeroEvents } from './parse.js';

export type * from './events.js';
export type { XeroOptions } from './options.js';

// Xero's "intent to receive" check wants 200 for good signatures, 401 for bad ones, and no body.
const empty = (status: number): WebhookResponse => ({ status });
const NOT_AUTH_ERRORS = new Set(['malformed_body', 'method_not_allowed', 'body_too_large']);

/**
 * A receiver for Xero webhooks: checks `x-xero-signature` (base64 HMAC-SHA256 of the raw body with
 * the webhooks key) and answers with the empty 200 / 401 responses "intent to receive" requires.
 * Each item of `events` is one event, named `<eventCategory>.<eventType>` (`INVOICE.UPDATE`).
 *
 * @example
 * const receiver = xero({ secret: process.env.XERO_WEBHOOK_KEY! });
 * receiver.on('INVOICE.*', (event) => console.log(event.payload.resourceUrl));
 */
export const xero = defineProvider<XeroOptions, { secrets: string[] }, XeroEvents>({
  title: 'Xero',
  setup: (options) => ({ secrets: normalizeSecrets(options.secret, 'Xero') }),
  verify: (request, { state }) =>
    verifySignatureHeader(request, {
      header: 'x-xero-signature',
      algorithm: 'sha256',
      encoding: 'base64',
      secrets: state.secrets,
      provider: 'Xero',
      hint: 'Xero signs every webhook request.',
    }),
  parse: parseXeroEvents,
  successResponse: () => empty(200),
  errorResponse(error) {
    if (error.code === 'method_not_allowed') return { status: 405, headers: { allow: 'POST' } };
    // A missing or unreadable signature is an invalid signature to Xero: 401.
    return empty(NOT_AUTH_ERRORS.has(error.code) ? error.status : 401);
  },
});
