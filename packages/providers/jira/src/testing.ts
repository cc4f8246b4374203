import { randomInt } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignJiraRequestInput extends SignerInput {
  /** The `webhookEvent` (default `jira:issue_created`), when the body is built here. */
  event?: string;
  /** Fields to merge into the generated body (`issue`, `user`, `changelog`…). */
  payload?: Record<string, unknown>;
  /** `X-Atlassian-Webhook-Identifier` (default: random). */
  identifier?: string;
  /** `X-Atlassian-Webhook-Retry`, sent when set. */
  retry?: number;
}

/** Builds a delivery signed as Jira Cloud signs admin webhooks with a secret, for testing your handlers. */
export function signJiraRequest(input: SignJiraRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-hub-signature',
    prefix: 'sha256=',
    payload: {
      timestamp: Date.now(),
      webhookEvent: input.event ?? 'jira:issue_created',
      ...input.payload,
    },
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-atlassian-webhook-identifier': input.identifier ?? String(randomInt(1, 2 ** 47)),
      'x-atlassian-webhook-flow': 'Primary',
      ...(input.retry === undefined ? {} : { 'x-atlassian-webhook-retry': String(input.retry) }),
    },
  });
}
