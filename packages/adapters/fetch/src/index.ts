import {
  type AdapterOptions,
  answerWebhook,
  bodyTooLarge,
  declaresBodyOver,
  prepareAdapter,
  type RequestHandler,
  type ResolvedAdapterOptions,
  WebhookError,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';

export interface FetchWebhooksOptions extends AdapterOptions {
  /**
   * Sees the failures the receiver did not answer itself: a body over the limit, a body already
   * read, an exception from `handle()`. Default: 5xx ones are logged with `console.error`.
   */
  onError?: (error: unknown, request: Request) => void;
}

export type FetchWebhooksHandler = (request: Request) => Promise<Response>;

const ALREADY_PARSED =
  'The Request body was already read (request.json(), request.text() or a framework helper such as c.req.json()), so its signature cannot be checked. Pass the Request to the webhook handler before reading it, or pass request.clone().';

const EMPTY = new Uint8Array(0);

/**
 * `(Request) => Promise<Response>` for a receiver, a hub or any `handle(request)` object: for Hono,
 * Next.js route handlers, Bun.serve, Deno.serve and Cloudflare Workers.
 */
export function fetchWebhooks(
  handler: RequestHandler,
  options: FetchWebhooksOptions = {},
): FetchWebhooksHandler {
  const resolved = prepareAdapter('fetchWebhooks', handler, options);
  // The runtime's URL is already absolute; only these options change it.
  const rewritesUrl = options.trustProxy === true || options.publicUrl !== undefined;
  const onError = options.onError;
  return async function hookwireWebhooks(request) {
    const response = await answerWebhook(
      handler,
      () => toWebhookRequest(request, resolved, rewritesUrl),
      (error, response) => {
        if (onError) onError(error, request);
        else if (response.status >= 500) console.error('[hookwire] webhook request failed:', error);
      },
    );
    return toResponse(response, request.method);
  };
}

async function toWebhookRequest(
  request: Request,
  options: ResolvedAdapterOptions,
  rewritesUrl: boolean,
): Promise<WebhookRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method.toUpperCase(),
    url: rewritesUrl ? rewriteUrl(request.url, headers, options) : request.url,
    headers,
    body: await readBody(request, headers['content-length'], options.maxBodySize),
  };
}

function rewriteUrl(url: string, headers: Record<string, string>, options: ResolvedAdapterOptions): string {
  const parsed = new URL(url);
  return options.requestUrl(
    parsed.protocol.slice(0, -1),
    parsed.host,
    parsed.pathname + parsed.search,
    headers,
  );
}

async function readBody(request: Request, declared: string | undefined, limit: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw new WebhookError('body_already_parsed', ALREADY_PARSED);
  if (declaresBodyOver(declared, limit)) throw bodyTooLarge(limit);
  const stream = request.body;
  if (stream === null) return EMPTY;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop the upload here: the rest is neither read nor buffered.
      reader.cancel().catch(() => {});
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length <= 1) return chunks[0] ?? EMPTY;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Statuses and methods whose responses carry no body: `new Response(body)` throws for them. */
function toResponse(response: WebhookResponse, method: string): Response {
  const status = response.status;
  const bodiless = method === 'HEAD' || status === 204 || status === 205 || status === 304;
  return new Response(bodiless ? null : (response.body ?? null), { status, headers: response.headers });
}
