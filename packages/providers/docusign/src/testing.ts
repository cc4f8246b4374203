import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';

export interface SignDocuSignRequestInput {
  /** One Connect key, or several: one `X-DocuSign-Signature-N` header each, as DocuSign sends them. */
  secret: string | string[];
  /** The JSON SIM `event` (default `envelope-completed`), when the body is built here. */
  event?: string;
  /** `data` of the message, when the body is built here. */
  data?: Record<string, unknown>;
  /** The exact body bytes, instead of `event` and `data`. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds a Connect JSON SIM message signed as DocuSign signs them, for testing your handlers. */
export function signDocuSignRequest(input: SignDocuSignRequestInput): WebhookRequest {
  const body =
    input.body ??
    JSON.stringify({
      event: input.event ?? 'envelope-completed',
      apiVersion: 'v2.1',
      uri: '/restapi/v2.1/accounts/test/envelopes/test',
      retryCount: 0,
      configurationId: 1,
      generatedDateTime: new Date().toISOString(),
      data: { accountId: randomUUID(), envelopeId: randomUUID(), ...input.data },
    });
  const keys = typeof input.secret === 'string' ? [input.secret] : input.secret;
  const signatures = Object.fromEntries(
    keys.map((key, index) => [`x-docusign-signature-${index + 1}`, hmacBase64('sha256', key, body)]),
  );
  return createWebhookRequest({
    url: input.url,
    body,
    headers: { 'content-type': 'application/json', 'x-authorization-digest': 'HMACSHA256', ...signatures },
  });
}
