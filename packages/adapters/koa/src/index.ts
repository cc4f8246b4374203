import type { IncomingMessage } from 'node:http';
import {
  type AdapterOptions,
  answerWebhook,
  prepareAdapter,
  type RequestHandler,
  type WebhookResponse,
} from '@hookwire/core';
import { bodyBuffer, toWebhookRequest } from '@hookwire/node-http';

export interface KoaWebhooksOptions extends AdapterOptions {
  /**
   * Serve only this path and the paths below it (`/webhooks` serves `/webhooks/github/a`); other
   * requests go on to `next`. Default: every request that reaches the middleware.
   */
  path?: string;
  /**
   * Sees the failures the receiver did not answer itself: a body over the limit, a body a parser
   * already read, an exception from `handle()`. Default: 5xx ones are emitted as the app's `error`.
   */
  onError?: (error: unknown, ctx: KoaContext) => void;
}

/** The parts of a Koa context the middleware uses (typed structurally: Koa 2 and 3 both fit). */
export interface KoaContext {
  req: IncomingMessage;
  request: { body?: unknown; rawBody?: unknown };
  originalUrl: string;
  path: string;
  status: number;
  body: unknown;
  set(fields: Record<string, string>): void;
  app: { emit(event: 'error', error: unknown, ctx: KoaContext): unknown };
}

export type KoaWebhooksMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;

const ALREADY_PARSED =
  'The request body was already read by a body parser (koa-body, koa-bodyparser…) that kept no raw copy, so its signature cannot be checked. Put the webhook middleware before the body parser, or use @koa/bodyparser (it keeps ctx.request.rawBody) or koa-body with { includeUnparsed: true }.';

/** koa-body's `includeUnparsed` option keeps the text under this symbol of `ctx.request.body`. */
const UNPARSED = Symbol.for('unparsedBody');

/**
 * Koa 2/3 middleware for a receiver, a hub or any `handle(request)` object:
 * `app.use(koaWebhooks(hub, { path: '/webhooks' }))`, before any body parser.
 */
export function koaWebhooks(
  handler: RequestHandler,
  options: KoaWebhooksOptions = {},
): KoaWebhooksMiddleware {
  const resolved = prepareAdapter('koaWebhooks', handler, options);
  const inScope = scopeMatcher(options.path);
  const onError = options.onError;
  return async function hookwireWebhooks(ctx, next) {
    if (!inScope(ctx.path)) return next();
    const response = await answerWebhook(
      handler,
      () =>
        toWebhookRequest(
          ctx.req,
          { path: ctx.originalUrl, rawBody: rawCopy(ctx), alreadyParsed: ALREADY_PARSED },
          resolved,
        ),
      (error, response) => (onError ? onError(error, ctx) : emitServerError(error, response, ctx)),
    );
    ctx.status = response.status;
    if (response.headers) ctx.set(response.headers);
    ctx.body = bodyBuffer(response.body);
  };
}

function scopeMatcher(path: string | undefined): (requestPath: string) => boolean {
  const base = path?.replace(/\/+$/, '');
  if (!base) return () => true;
  const below = `${base}/`;
  return (requestPath) => requestPath === base || requestPath.startsWith(below);
}

/** A copy of the bytes a parser kept: a Buffer or text body, `ctx.request.rawBody`, koa-body's unparsed text. */
function rawCopy(ctx: KoaContext): Uint8Array | string | undefined {
  const { body, rawBody } = ctx.request;
  if (body instanceof Uint8Array || typeof body === 'string') return body;
  if (rawBody instanceof Uint8Array || typeof rawBody === 'string') return rawBody;
  const unparsed =
    typeof body === 'object' && body !== null ? (body as Record<symbol, unknown>)[UNPARSED] : undefined;
  return typeof unparsed === 'string' ? unparsed : undefined;
}

function emitServerError(error: unknown, response: WebhookResponse, ctx: KoaContext): void {
  if (response.status >= 500) ctx.app.emit('error', error, ctx);
}
