import { randomUUID } from 'node:crypto';
import { createWebhookRequest, signStandardWebhook, type WebhookRequest } from '@hookwire/core';

export interface SignGitLabRequestInput {
  /** The secret token to send in `X-Gitlab-Token`. */
  secret?: string;
  /** A signing token (`whsec_…`): adds the Standard Webhooks signature headers. */
  signingToken?: string;
  /** The `X-Gitlab-Event` header, e.g. `Push Hook`. */
  event: string;
  /** A payload to serialise, or the exact body. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** `Idempotency-Key` and `webhook-id` (default: a random UUID). */
  idempotencyKey?: string;
  /** Unix seconds for `webhook-timestamp` (default: now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` as GitLab sends it, for testing your handlers. */
export function signGitLabRequest(input: SignGitLabRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {});
  const id = input.idempotencyKey ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitLab/19.0.0',
    'x-gitlab-event': input.event,
    'x-gitlab-event-uuid': randomUUID(),
    'x-gitlab-webhook-uuid': randomUUID(),
    'x-gitlab-instance': 'https://gitlab.example.com',
    'idempotency-key': id,
  };
  if (input.secret !== undefined) headers['x-gitlab-token'] = input.secret;
  if (input.signingToken !== undefined) {
    const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
    headers['webhook-id'] = id;
    headers['webhook-timestamp'] = String(timestamp);
    headers['webhook-signature'] = signStandardWebhook({
      id,
      timestamp,
      body,
      secrets: [input.signingToken],
    });
  }
  return createWebhookRequest({ url: input.url, body, headers });
}
