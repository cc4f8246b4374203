import { defineProvider, normalizeCodes, normalizeSecrets, WebhookConfigError } from '@hookwire/core';
import type { ZendeskEvents } from './events.js';
import type { ZendeskOptions } from './options.js';
import { parseZendeskRequest } from './parse.js';
import { verifyZendesk, type ZendeskState } from './verify.js';

export type { ZendeskEvent, ZendeskEvents, ZendeskTicketDetail, ZendeskUserDetail } from './events.js';
export type { ZendeskOptions } from './options.js';

/** The static secret Zendesk signs test requests with, before a webhook is created (used verbatim). */
export const ZENDESK_TEST_SIGNING_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

/**
 * A receiver for Zendesk webhooks: verifies `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of the
 * timestamp followed by the raw body) within a 5-minute window, or, for old targets, a `?code=`.
 * Event subscriptions are named by `type`, trigger webhooks by `triggerEvent`; the id is
 * `X-Zendesk-Webhook-Invocation-Id`.
 *
 * @example
 * const receiver = zendesk({ secret: process.env.ZENDESK_WEBHOOK_SECRET! });
 * receiver.on('zen:event-type:ticket.created', (event) => console.log(event.payload.detail.subject));
 */
export const zendesk = defineProvider<ZendeskOptions, ZendeskState, ZendeskEvents>({
  title: 'Zendesk',
  methods: ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'],
  tolerance: 300,
  setup: (options) => {
    if (options.secret === undefined && options.code === undefined) {
      throw new WebhookConfigError(
        'Zendesk: give `secret` (the webhook signing secret) or, for targets that sign nothing, `code`.',
      );
    }
    return {
      secrets: options.secret === undefined ? undefined : normalizeSecrets(options.secret, 'Zendesk'),
      codes: options.code === undefined ? undefined : normalizeCodes(options.code, 'Zendesk'),
    };
  },
  verify: verifyZendesk,
  parse: (request, { options }) => parseZendeskRequest(request, options),
});
