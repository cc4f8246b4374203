import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignBitbucketRequestInput {
  /** The `X-Event-Key`, e.g. `repo:push` (Cloud) or `repo:refs_changed` (Data Center). */
  event: string;
  /** The webhook secret; omitted, the request is unsigned (for a `code` receiver). */
  secret?: string;
  /** Added to the URL as the `code` query parameter. */
  code?: string;
  /** A payload to serialise, or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** `cloud` (default) sends `X-Request-UUID`, `X-Hook-UUID`, `X-Attempt-Number`; `datacenter` sends `X-Request-Id`. */
  edition?: 'cloud' | 'datacenter';
  requestId?: string;
  attempt?: number;
  url?: string;
}

/** Builds a `WebhookRequest` as Bitbucket sends it (signed when `secret` is given), for testing your handlers. */
export function signBitbucketRequest(input: SignBitbucketRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {});
  const url = new URL(input.url ?? 'https://example.com/webhooks/bitbucket');
  if (input.code !== undefined) url.searchParams.set('code', input.code);
  const requestId = input.requestId ?? randomUUID();
  const editionHeaders: Record<string, string> =
    input.edition === 'datacenter'
      ? { 'x-request-id': requestId, 'user-agent': 'Atlassian HttpClient' }
      : {
          'x-request-uuid': requestId,
          'x-hook-uuid': `{${randomUUID()}}`,
          'x-attempt-number': String(input.attempt ?? 1),
          'user-agent': 'Bitbucket-Webhooks/2.0',
        };
  return createWebhookRequest({
    url: url.toString(),
    body,
    headers: {
      'content-type': 'application/json',
      'x-event-key': input.event,
      ...editionHeaders,
      ...(input.secret === undefined
        ? {}
        : { 'x-hub-signature': `sha256=${hmacHex('sha256', input.secret, body)}` }),
    },
  });
}
