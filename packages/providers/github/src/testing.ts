import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, hmacHex, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignGitHubRequestInput extends SignerInput {
  /** The `X-GitHub-Event` header, e.g. `issues` (the action comes from the payload). */
  event: string;
  /** A payload to serialise, or the exact body bytes. */
  payload?: unknown;
  deliveryId?: string;
  /** Also send the legacy SHA-1 header, as GitHub does. */
  sha1?: boolean;
}

/** Builds a `WebhookRequest` signed as GitHub signs it, for testing your handlers. */
export function signGitHubRequest(input: SignGitHubRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {});
  return createHmacSignedRequest(
    { ...input, body },
    {
      header: 'x-hub-signature-256',
      prefix: 'sha256=',
      headers: {
        'user-agent': 'GitHub-Hookshot/hookwire-test',
        'x-github-event': input.event,
        'x-github-delivery': input.deliveryId ?? randomUUID(),
        ...(input.sha1 ? { 'x-hub-signature': `sha1=${hmacHex('sha1', input.secret, body)}` } : {}),
      },
    },
  );
}
