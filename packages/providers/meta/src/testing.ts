import {
  createHmacSignedRequest,
  createWebhookRequest,
  type SignerInput,
  type WebhookRequest,
} from '@hookwire/core';

export interface SignMetaRequestInput extends SignerInput {
  /** The app secret. */
  secret: string;
  /** A notification to serialise (`{ object, entry: [...] }`), or the exact body. */
  payload?: unknown;
}

/** Builds an event notification signed as Meta signs it (`X-Hub-Signature-256`). */
export function signMetaRequest(input: SignMetaRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-hub-signature-256',
    prefix: 'sha256=',
    payload: input.payload ?? { object: 'page', entry: [] },
  });
}

/** Builds the GET verification request Meta sends when the callback URL is saved. */
export function createMetaVerificationRequest(input: {
  verifyToken: string;
  challenge?: string;
  url?: string;
}): WebhookRequest {
  const url = new URL(input.url ?? 'https://example.com/webhooks/meta');
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', input.challenge ?? '1158201444');
  url.searchParams.set('hub.verify_token', input.verifyToken);
  return createWebhookRequest({ method: 'GET', url: url.href });
}
