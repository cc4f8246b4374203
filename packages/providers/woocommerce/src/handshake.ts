import { bodyText, getHeader, jsonResponse, type WebhookRequest, type WebhookResponse } from '@hookwire/core';

/**
 * When a webhook is saved, WooCommerce POSTs an unsigned `webhook_id=<id>` form and activates the
 * webhook only on a 200. It carries no data, so answering it unverified reveals nothing.
 */
export function answerWooCommercePing(request: WebhookRequest): WebhookResponse | undefined {
  if (request.method !== 'POST' || getHeader(request, 'X-WC-Webhook-Signature') !== undefined)
    return undefined;
  if (!/^webhook_id=\d+$/.test(bodyText(request))) return undefined;
  return jsonResponse(200, { ok: true });
}
