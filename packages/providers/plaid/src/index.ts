import { defineProvider, isRecord, parseJsonBody, requireString, WebhookConfigError } from '@hookwire/core';
import type { PlaidEvents } from './events.js';
import { PlaidKeyCache } from './keys.js';
import type { PlaidOptions } from './options.js';
import { verifyPlaidRequest } from './verify.js';

export type * from './events.js';
export type { PlaidOptions, PlaidVerificationKey } from './options.js';

/**
 * A receiver for Plaid webhooks: verifies the `Plaid-Verification` ES256 JWT with the key named by its
 * `kid` (looked up through `getVerificationKey`, then cached), its `iat` (five minutes) and its
 * `request_body_sha256` claim against the raw body. Events are named `<webhook_type>.<webhook_code>`.
 *
 * @example
 * const receiver = plaid({
 *   getVerificationKey: async (kid) => (await client.webhookVerificationKeyGet({ key_id: kid })).data.key,
 * });
 * receiver.on('TRANSACTIONS.SYNC_UPDATES_AVAILABLE', (event) => syncTransactions(event.payload.item_id));
 */
export const plaid = defineProvider<PlaidOptions, PlaidKeyCache, PlaidEvents>({
  title: 'Plaid',
  tolerance: 300,
  setup(options) {
    if (typeof options.getVerificationKey !== 'function') {
      throw new WebhookConfigError(
        'Plaid: the `getVerificationKey(kid)` option is required (it calls /webhook_verification_key/get).',
      );
    }
    return new PlaidKeyCache(options.getVerificationKey);
  },
  verify: verifyPlaidRequest,
  parse(request) {
    const payload = parseJsonBody<unknown>(request, 'Plaid');
    const body = isRecord(payload) ? payload : {};
    const type = requireString(body.webhook_type, 'webhook_type', 'Plaid');
    const code = requireString(body.webhook_code, 'webhook_code', 'Plaid');
    // Plaid sends no delivery id (item_id names the Item, shared by all its webhooks): no `id`, no dedupe.
    return {
      name: `${type}.${code}`,
      payload,
      meta: { itemId: body.item_id, environment: body.environment },
    };
  },
});
