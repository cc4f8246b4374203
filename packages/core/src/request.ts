import { normalizeHeaders } from './headers.js';
import { NodeBuffer } from './runtime.js';
import type { WebhookRequest } from './types.js';

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => (NodeBuffer ? NodeBuffer.from(text) : encoder.encode(text));

export interface WebhookRequestInit {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string | Uint8Array;
}

/** Builds a `WebhookRequest` (for tests and custom adapters): lower-cases headers, encodes a string body. */
export function createWebhookRequest(init: WebhookRequestInit = {}): WebhookRequest {
  return {
    method: (init.method ?? 'POST').toUpperCase(),
    url: init.url ?? 'https://example.com/webhooks',
    headers: normalizeHeaders(init.headers ?? {}),
    body: typeof init.body === 'string' ? utf8(init.body) : (init.body ?? new Uint8Array()),
  };
}

/** The query parameters of the request URL. */
export function searchParams(request: WebhookRequest): URLSearchParams {
  const question = request.url.indexOf('?');
  return new URLSearchParams(question === -1 ? '' : request.url.slice(question + 1));
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): import('./types.js').WebhookResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function textResponse(
  status: number,
  text: string,
  headers?: Record<string, string>,
): import('./types.js').WebhookResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}
