import { isWebhookError, WebhookConfigError, WebhookError } from './errors.js';
import { parsePublicBase, rebaseUrl } from './public-url.js';
import { webhookErrorResponse } from './response.js';
import type { RequestHandler, WebhookHeaders, WebhookRequest, WebhookResponse } from './types.js';

/** Pure pieces every framework adapter shares: option checks, the request URL, error responses. */

export const DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

/** Options every adapter takes. */
export interface AdapterOptions {
  /** Largest body accepted, in bytes (default 1 MiB); a larger one gets 413 `body_too_large`. */
  maxBodySize?: number;
  /**
   * Take the scheme and host from `X-Forwarded-Proto` / `X-Forwarded-Host` (set it when a proxy you
   * control sets them). Off by default: a client could otherwise choose the URL providers sign.
   */
  trustProxy?: boolean;
  /**
   * The public base URL this app is reached at (`https://hooks.example.com`), used instead of the
   * connection's scheme and host. A path in it (`https://example.com/api`) is put before the
   * request's path, for a proxy that strips that prefix (a path already under it is kept as is).
   */
  publicUrl?: string;
}

/** Builds the absolute request URL from what the connection says: `https`, the Host header, the path. */
export type RequestUrlResolver = (
  protocol: string,
  host: string | undefined,
  path: string,
  headers: WebhookHeaders,
) => string;

export interface ResolvedAdapterOptions {
  maxBodySize: number;
  requestUrl: RequestUrlResolver;
}

/** Checks adapter options once, at construction; mistakes throw `WebhookConfigError`. */
export function resolveAdapterOptions(adapter: string, options: AdapterOptions = {}): ResolvedAdapterOptions {
  const maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  if (!Number.isSafeInteger(maxBodySize) || maxBodySize < 0) {
    throw new WebhookConfigError(`${adapter}: \`maxBodySize\` must be a whole number of bytes.`);
  }
  return { maxBodySize, requestUrl: requestUrlResolver(adapter, options) };
}

/** Throws `WebhookConfigError` unless `handler` has a `handle(request)` method (a receiver, a hub…). */
export function assertRequestHandler(adapter: string, handler: unknown): asserts handler is RequestHandler {
  if (typeof (handler as RequestHandler | undefined)?.handle !== 'function') {
    throw new WebhookConfigError(
      `${adapter} needs a receiver, a hub (createHub) or another object with a handle(request) method.`,
    );
  }
}

/** What every adapter does at construction: `assertRequestHandler`, then `resolveAdapterOptions`. */
export function prepareAdapter(
  adapter: string,
  handler: unknown,
  options?: AdapterOptions,
): ResolvedAdapterOptions {
  assertRequestHandler(adapter, handler);
  return resolveAdapterOptions(adapter, options);
}

function requestUrlResolver(adapter: string, options: AdapterOptions): RequestUrlResolver {
  if (options.publicUrl !== undefined) {
    const base = parsePublicBase(options.publicUrl, adapter);
    return (_protocol, _host, path) => rebaseUrl(base, originForm(path));
  }
  if (options.trustProxy) {
    return (protocol, host, path, headers) =>
      `${forwardedProto(headers['x-forwarded-proto']) ?? protocol}://${safeHost(firstValue(headers['x-forwarded-host']) ?? host)}${originForm(path)}`;
  }
  return (protocol, host, path) => `${protocol}://${safeHost(host)}${originForm(path)}`;
}

/** The first hop's value: proxies append, so the left-most entry is what the client sent to the edge. */
function firstValue(value: string | readonly string[] | undefined): string | undefined {
  const text = typeof value === 'string' ? value : value?.[0];
  if (text === undefined) return undefined;
  const comma = text.indexOf(',');
  return (comma === -1 ? text : text.slice(0, comma)).trim() || undefined;
}

function forwardedProto(value: string | readonly string[] | undefined): string | undefined {
  const proto = firstValue(value)?.toLowerCase();
  return proto === 'https' || proto === 'http' ? proto : undefined;
}

const HOST = /^(?:[a-z0-9._-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** A Host header is client input: anything that is not a host[:port] must not shape the URL. */
function safeHost(host: string | undefined): string {
  return host !== undefined && HOST.test(host) ? host : 'localhost';
}

/** Request targets are normally `/path?query`; the absolute form (`http://h/p`) keeps only its path. */
function originForm(path: string): string {
  if (path.charCodeAt(0) === 47 /* / */) return path;
  try {
    const url = new URL(path);
    return url.pathname + url.search;
  } catch {
    return '/';
  }
}

/** 413 for a body over the limit; the rest of the body is not read, so the connection is closed. */
export function bodyTooLarge(limit: number): WebhookError {
  return new WebhookError(
    'body_too_large',
    `The request body is larger than ${limit} bytes. Raise the adapter's maxBodySize option if such webhooks are expected.`,
  );
}

/** True when the headers announce more than `limit` bytes, so the body need not be read at all. */
export function declaresBodyOver(contentLength: string | null | undefined, limit: number): boolean {
  return contentLength !== undefined && contentLength !== null && Number(contentLength) > limit;
}

/**
 * The response for a failure outside the receiver: a `WebhookError` keeps its status and code; anything
 * else is a 500 that says nothing about internals.
 */
export function adapterErrorResponse(error: unknown): WebhookResponse {
  const closes = isWebhookError(error) && error.code === 'body_too_large';
  return webhookErrorResponse(error, closes ? { connection: 'close' } : undefined);
}

/**
 * Builds the request, lets the handler answer it and turns a failure of either into a response;
 * `report` sees the failure (with the request, when it was built).
 */
export async function answerWebhook(
  handler: RequestHandler,
  build: () => WebhookRequest | Promise<WebhookRequest>,
  report: (error: unknown, response: WebhookResponse) => void,
): Promise<WebhookResponse> {
  try {
    return await handler.handle(await build());
  } catch (error) {
    const response = adapterErrorResponse(error);
    try {
      report(error, response);
    } catch {
      // A failing error reporter must not change the response.
    }
    return response;
  }
}
