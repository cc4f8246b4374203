import {
  checkSignedTimestamp,
  type ProviderContext,
  requireHeader,
  timestampWindow,
  verifyCodeParameter,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

export interface ZendeskState {
  secrets: string[] | undefined;
  codes: string[] | undefined;
}

const SIGNATURE = 'X-Zendesk-Webhook-Signature';
const TIMESTAMP = 'X-Zendesk-Webhook-Signature-Timestamp';
// Zendesk sends an ISO 8601 UTC time such as 2021-03-25T05:09:27Z.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Checks every configured authentication: the signature, the `code` parameter, or both. */
export function verifyZendesk(request: WebhookRequest, ctx: ProviderContext<unknown, ZendeskState>): void {
  const { secrets, codes } = ctx.state;
  if (codes) verifyCodeParameter(request, codes, 'Zendesk');
  if (!secrets) return;
  const timestamp = requireHeader(request, TIMESTAMP, 'Zendesk sends it with the signature.');
  const signature = requireHeader(
    request,
    SIGNATURE,
    'Zendesk signs every webhook request; does the proxy forward the header?',
  );
  const timestampMs = ISO_8601.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(timestampMs)) {
    throw new WebhookError('malformed_header', `The ${TIMESTAMP} header must be an ISO 8601 time.`);
  }
  checkSignedTimestamp(timestampWindow(ctx), TIMESTAMP, timestampMs);
  // The secret is used as the text Zendesk shows (it looks like base64 but is not decoded).
  verifyHmac({
    algorithm: 'sha256',
    secrets,
    parts: [timestamp, request.body],
    signatures: signature,
    encoding: 'base64',
    header: SIGNATURE,
    provider: 'Zendesk',
  });
}
