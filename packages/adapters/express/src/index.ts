import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AdapterOptions,
  answerWebhook,
  prepareAdapter,
  type RequestHandler,
  type WebhookResponse,
} from '@hookwire/core';
import { toWebhookRequest, writeResponse } from '@hookwire/node-http';

export interface ExpressWebhooksOptions extends AdapterOptions {
  /**
   * Sees the failures the receiver did not answer itself: a body over the limit, a body a parser
   * already read, an exception from `handle()`. Default: 5xx ones are logged with `console.error`.
   */
  onError?: (error: unknown, req: IncomingMessage) => void;
}

/** The parts of an Express request the adapter reads (typed structurally: no @types/express needed). */
export type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown };

export type ExpressWebhooksMiddleware = (
  req: ExpressRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

const ALREADY_PARSED =
  'The request body was already read by a body parser (express.json(), express.urlencoded()…) that kept no raw copy, so its signature cannot be checked. Mount the webhook route before that parser, use express.raw({ type: "*/*" }) on it, or keep the bytes with express.json({ verify: (req, res, buf) => { req.rawBody = buf } }).';

/**
 * Express 4/5 middleware for a receiver, a hub or any `handle(request)` object. Mount it before any
 * body parser: `app.use('/webhooks', expressWebhooks(hub))`.
 */
export function expressWebhooks(
  handler: RequestHandler,
  options: ExpressWebhooksOptions = {},
): ExpressWebhooksMiddleware {
  const resolved = prepareAdapter('expressWebhooks', handler, options);
  const onError = options.onError;
  return function hookwireWebhooks(req, res, next) {
    answerWebhook(
      handler,
      () =>
        toWebhookRequest(
          req,
          { path: req.originalUrl ?? req.url ?? '/', rawBody: rawCopy(req), alreadyParsed: ALREADY_PARSED },
          resolved,
        ),
      (error, response) => (onError ? onError(error, req) : logServerError(error, response)),
    ).then((response) => writeResponse(res, response), next);
  };
}

/** A copy of the bytes a parser kept: `express.raw()`'s Buffer, `express.text()`'s string, or `req.rawBody`. */
function rawCopy(req: ExpressRequest): Uint8Array | string | undefined {
  const body = req.body;
  if (body instanceof Uint8Array || typeof body === 'string') return body;
  const raw = req.rawBody;
  return raw instanceof Uint8Array || typeof raw === 'string' ? raw : undefined;
}

function logServerError(error: unknown, response: WebhookResponse): void {
  if (response.status >= 500) console.error('[hookwire] webhook request failed:', error);
}
