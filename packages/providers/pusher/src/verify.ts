import { requireHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

/**
 * Picks the app by `X-Pusher-Key`, then checks `X-Pusher-Signature` (hex HMAC-SHA256 of the raw
 * body) with that app's secret only: a valid MAC under another app's secret must not pass.
 */
export function verifyPusherSignature(
  request: WebhookRequest,
  apps: ReadonlyMap<string, readonly string[]>,
): void {
  const key = requireHeader(request, 'X-Pusher-Key', 'Pusher names the app key in every webhook.');
  const secrets = apps.get(key);
  if (secrets === undefined) {
    throw new WebhookError(
      'unauthorized',
      'The X-Pusher-Key header names an app key this receiver is not configured for. Add the key and its secret to the `apps` option.',
    );
  }
  verifyHmac({
    algorithm: 'sha256',
    secrets,
    parts: [request.body],
    signatures: requireHeader(request, 'X-Pusher-Signature'),
    encoding: 'hex',
    header: 'X-Pusher-Signature',
    provider: 'Pusher',
  });
}
