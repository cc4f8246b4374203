import {
  checkSignedTimestamp,
  type ProviderContext,
  requireHeader,
  timestampWindow,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

const SIGNATURE = 'X-Slack-Signature';
const TIMESTAMP = 'X-Slack-Request-Timestamp';

/**
 * Checks `X-Slack-Signature: v0=<hex>`, the HMAC-SHA256 of `v0:<timestamp>:<raw body>`. Form
 * bodies are verified as received, before any URL-decoding.
 */
export function verifySlackSignature(
  request: WebhookRequest,
  ctx: ProviderContext<unknown, { secrets: string[] }>,
): void {
  const timestamp = requireHeader(request, TIMESTAMP, 'Slack sends it with every request.');
  const header = requireHeader(
    request,
    SIGNATURE,
    'Slack signs every request; is this request from Slack, and does the proxy forward the header?',
  );
  checkSignedTimestamp(timestampWindow(ctx), TIMESTAMP, timestamp);
  if (!header.startsWith('v0=')) {
    throw new WebhookError('malformed_signature', `The ${SIGNATURE} header must start with "v0=".`);
  }
  verifyHmac({
    algorithm: 'sha256',
    secrets: ctx.state.secrets,
    parts: [`v0:${timestamp}:`, request.body],
    signatures: header.slice(3),
    encoding: 'hex',
    header: SIGNATURE,
    provider: 'Slack',
  });
}
