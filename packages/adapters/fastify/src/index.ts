import type { IncomingMessage } from 'node:http';
import {
  type AdapterOptions,
  adapterErrorResponse,
  answerWebhook,
  assertRequestHandler,
  isWebhookError,
  type RequestHandler,
  resolveAdapterOptions,
  type WebhookResponse,
} from '@hookwire/core';
import { bodyBuffer, nodeWebhookRequest, readBody, toWebhookRequest } from '@hookwire/node-http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface FastifyWebhooksOptions extends AdapterOptions {
  /** A receiver to serve (or pass `hub` / `handler`: any object with `handle(request)`). */
  receiver?: RequestHandler;
  /** A hub from `createHub`: `/github`, `/stripe/shop-a` below `path`. */
  hub?: RequestHandler;
  /** Any other `handle(request)` object, e.g. the sender's management API. */
  handler?: RequestHandler;
  /** Where to serve, along with every path below it; default: the `prefix` the plugin is registered with. */
  path?: string;
  /**
   * Sees the failures the receiver did not answer itself: a body over the limit, an exception from
   * `handle()`. Default: 5xx ones are logged with `request.log.error`.
   */
  onError?: (error: unknown, request: FastifyRequest) => void;
  /** Fastify's own `prefix`, which `path` is relative to. */
  prefix?: string;
}

/** Every method a receiver or the management API answers; HEAD is listed, not derived from GET. */
const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

const EMPTY = Buffer.alloc(0);

const ANY_CONTENT_TYPE = /^/;

const ALREADY_PARSED =
  'The request body reached the webhook route already parsed. Register fastifyWebhooks as an ordinary (encapsulated) plugin, not wrapped in fastify-plugin, so its raw-body parser is the one its routes use.';

/**
 * A Fastify 4/5 plugin: `app.register(fastifyWebhooks, { hub, path: '/webhooks' })`. It stays
 * encapsulated: its raw-body parser replaces the app's parsers on its own routes only, so the rest
 * of the app keeps parsing JSON.
 */
export async function fastifyWebhooks(app: FastifyInstance, options: FastifyWebhooksOptions): Promise<void> {
  const handler = options.handler ?? options.hub ?? options.receiver;
  assertRequestHandler('fastifyWebhooks', handler);
  const resolved = resolveAdapterOptions('fastifyWebhooks', options);
  const report = (error: unknown, response: WebhookResponse, request: FastifyRequest) => {
    if (options.onError) options.onError(error, request);
    else if (response.status >= 500) request.log.error({ err: error }, 'webhook request failed');
  };

  // Signatures cover the bytes as sent: every content type arrives here unparsed.
  app.removeAllContentTypeParsers();
  const parseRaw = (
    _request: FastifyRequest,
    payload: IncomingMessage,
    done: (error: Error | null, body?: Buffer) => void,
  ) => {
    readBody(payload, resolved.maxBodySize).then((body) => done(null, body), done);
  };
  // Fastify remembers which parser a content type gets only when a named or RegExp parser matched;
  // the catch-all `*` alone would make it parse the Content-Type header again on every request.
  app.addContentTypeParser(ANY_CONTENT_TYPE, parseRaw);
  app.addContentTypeParser('*', parseRaw); // bodies sent without a Content-Type
  app.setErrorHandler((error, request, reply) => {
    // Errors from reading the body (413, a connection cut short) in the adapters' common format.
    if (!isWebhookError(error)) throw error;
    const response = adapterErrorResponse(error);
    report(error, response, request);
    return send(reply, response);
  });

  const maxBodySize = resolved.maxBodySize;
  const failed = (error: unknown, request: FastifyRequest): WebhookResponse => {
    const response = adapterErrorResponse(error);
    try {
      report(error, response, request);
    } catch {
      // A failing error reporter must not change the response.
    }
    return response;
  };
  /** The handler's answer; never rejects. */
  const answer = (request: FastifyRequest): Promise<WebhookResponse> => {
    const body = request.body;
    const rawBody = body === undefined ? EMPTY : body instanceof Uint8Array ? body : undefined;
    if (rawBody === undefined || rawBody.byteLength > maxBodySize) {
      return answerWebhook(
        handler,
        () =>
          toWebhookRequest(
            request.raw,
            { path: request.url, rawBody, alreadyParsed: ALREADY_PARSED },
            resolved,
          ),
        (error, response) => report(error, response, request),
      );
    }
    // The usual case: the parser kept the raw body, so the request is built at once.
    let pending: Promise<WebhookResponse>;
    try {
      pending = handler.handle(nodeWebhookRequest(request.raw, request.url, rawBody, resolved));
    } catch (error) {
      return Promise.resolve(failed(error, request));
    }
    return Promise.resolve(pending).then(undefined, (error) => failed(error, request));
  };
  // Not an async handler: it sends the reply itself, so Fastify has no promise to wrap and no
  // returned reply to wait on.
  const route = (request: FastifyRequest, reply: FastifyReply): void => {
    answer(request)
      .then((response) => {
        send(reply, response);
      })
      .catch((error: unknown) => reply.send(error));
  };
  const base = (options.path ?? '').replace(/\/+$/, '');
  app.route({ method: METHODS, url: base || '/', exposeHeadRoute: false, handler: route });
  app.route({ method: METHODS, url: `${base}/*`, exposeHeadRoute: false, handler: route });
}

function send(reply: FastifyReply, response: WebhookResponse): FastifyReply {
  reply.code(response.status);
  if (response.headers) reply.headers(response.headers);
  return reply.send(bodyBuffer(response.body));
}
