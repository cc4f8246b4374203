import { type ProviderContext, verifyStandardWebhook, type WebhookRequest } from '@hookwire/core';
import { readStandardHeaders, type StandardHeaderPrefix } from './headers.js';
import type { StandardKeys } from './keys.js';

/** Checks the signature and the timestamp window over the raw body. */
export function verifyStandardRequest(
  request: WebhookRequest,
  ctx: ProviderContext<unknown, StandardKeys>,
  prefixes: readonly StandardHeaderPrefix[],
): void {
  const headers = readStandardHeaders(request, prefixes);
  verifyStandardWebhook({
    id: headers.id,
    timestamp: headers.timestamp,
    signature: headers.signature,
    body: request.body,
    keys: ctx.state.keys,
    publicKeys: ctx.state.publicKeys,
    nowMs: ctx.now(),
    toleranceSeconds: ctx.tolerance,
    headerPrefix: headers.prefix,
  });
}
