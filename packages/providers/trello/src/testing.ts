import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';

export interface SignTrelloRequestInput {
  /** The application secret the receiver is configured with. */
  secret: string;
  /** The callback URL as registered; also the request URL unless `url` is given. */
  callbackUrl?: string;
  /** The URL the request arrives at, when a proxy makes it differ from `callbackUrl`. */
  url?: string;
  /** A payload to serialise (default: an `updateCard` action), or the exact body. */
  payload?: unknown;
  body?: string | Uint8Array;
}

const DEFAULT_URL = 'https://example.com/webhooks/trello';

/** Builds a `WebhookRequest` signed as Trello signs it, for testing your handlers. */
export function signTrelloRequest(input: SignTrelloRequestInput): WebhookRequest {
  const callbackUrl = input.callbackUrl ?? input.url ?? DEFAULT_URL;
  const body = input.body ?? JSON.stringify(input.payload ?? samplePayload());
  return createWebhookRequest({
    url: input.url ?? callbackUrl,
    body,
    headers: {
      'content-type': 'application/json',
      'x-trello-webhook': hmacBase64('sha1', input.secret, body, callbackUrl),
    },
  });
}

function samplePayload(): unknown {
  return {
    action: {
      id: '5f9d9a2a1c9d440000a1b2c3',
      idMemberCreator: '5a1b2c3d4e5f600000000001',
      type: 'updateCard',
      date: new Date().toISOString(),
      data: { card: { id: 'c1', name: 'Card' }, old: { name: 'Old' }, board: { id: 'b1', name: 'Board' } },
    },
    model: { id: 'b1', name: 'Board' },
  };
}
