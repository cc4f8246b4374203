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
import { bodyBuffer, readBody, toWebhookRequest } from '@hookwire/node-http';
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
  app.addContentTypeParser('*', (_request, payload, done) => {
    readBody(payload, resolved.maxBodySize).then((body) => done(null, body), done);
  });
  app.setErrorHandler((error, request, reply) => {
    // Errors from reading the body (413, a connection cut short) in the adapters' common format.
    if (!isWebhookError(error)) throw error;
    const response = adapterErrorResponse(error);
    report(error, response, request);
    return send(reply, response);
  });

  const route = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body;
    const rawBody = body === undefined ? EMPTY : body instanceof Uint8Array ? body : undefined;
    const response = await answerWebhook(
      handler,
      () =>
        toWebhookRequest(
          request.raw,
          { path: request.url, rawBody, alreadyParsed: ALREADY_PARSED },
          resolved,
        ),
      (error, response) => report(error, response, request),
    );
    return send(reply, response);
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
