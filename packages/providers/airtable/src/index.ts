import {
  decodeBase64Secrets,
  defineProvider,
  isRecord,
  parseJsonBody,
  verifySignatureHeader,
  WebhookError,
} from '@hookwire/core';
import type { AirtableEvents } from './events.js';
import type { AirtableOptions } from './options.js';

export type { AirtableEvents, AirtableNotification } from './events.js';
export type { AirtableOptions } from './options.js';

const HEADER = 'X-Airtable-Content-MAC';
const PREFIX = 'hmac-sha256=';

/**
 * A receiver for Airtable webhook notifications: checks `X-Airtable-Content-MAC: hmac-sha256=<hex>`,
 * the HMAC-SHA256 of the raw body keyed with the *base64-decoded* `macSecretBase64`. Every
 * notification is one `ping` event.
 *
 * @example
 * const receiver = airtable({ secret: process.env.AIRTABLE_MAC_SECRET_BASE64! });
 * receiver.on('ping', (event) => fetchPayloads(event.payload.base.id, event.payload.webhook.id));
 */
export const airtable = defineProvider<AirtableOptions, { keys: Buffer[] }, AirtableEvents>({
  title: 'Airtable',
  // The common mistake is keying the HMAC with the base64 text itself; Airtable keys it with the bytes.
  setup: (options) => ({
    keys: decodeBase64Secrets(
      options.secret,
      'Airtable',
      "Pass the webhook's `macSecretBase64` exactly as Airtable returned it.",
    ),
  }),
  verify(request, { state }) {
    verifySignatureHeader(request, {
      header: HEADER,
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: PREFIX,
      secrets: state.keys,
      provider: 'Airtable',
      hint: 'Airtable signs every webhook notification.',
    });
  },
  parse(request) {
    const payload = parseJsonBody<unknown>(request, 'Airtable');
    const body = isRecord(payload) ? payload : {};
    const webhookId = isRecord(body.webhook) ? body.webhook.id : undefined;
    const baseId = isRecord(body.base) ? body.base.id : undefined;
    if (typeof webhookId !== 'string' || typeof baseId !== 'string') {
      throw new WebhookError('malformed_body', 'The Airtable notification has no `base.id` / `webhook.id`.');
    }
    const timestamp = typeof body.timestamp === 'string' ? body.timestamp : undefined;
    return {
      name: 'ping',
      id: timestamp === undefined ? undefined : `${webhookId}:${timestamp}`,
      payload,
      meta: { baseId, webhookId },
    };
  },
});
