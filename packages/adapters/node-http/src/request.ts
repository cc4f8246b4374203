import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { bodyTooLarge, type ResolvedAdapterOptions, WebhookError, type WebhookRequest } from '@hookwire/core';
import { readBody } from './read-body.js';

/** What the framework adapter knows beside the Node request. */
export interface NodeRequestSource {
  /** Path and query as received, mount path included (Express's `req.originalUrl`). */
  path: string;
  /** A copy of the raw body that a body parser kept: the bytes, or the UTF-8 text it decoded them to. */
  rawBody?: Uint8Array | string | undefined;
  /** The message for a body that a parser consumed without keeping a copy: how to fix the setup. */
  alreadyParsed: string;
}

const EMPTY = Buffer.alloc(0);

/**
 * Builds the `WebhookRequest` for a Node request without copying what Node already holds: the
 * header object is passed as is (lower-case names), the body is the raw copy or the stream read once.
 */
export async function toWebhookRequest(
  req: IncomingMessage,
  source: NodeRequestSource,
  options: ResolvedAdapterOptions,
): Promise<WebhookRequest> {
  return nodeWebhookRequest(req, source.path, await requestBody(req, source, options.maxBodySize), options);
}

/**
 * The same `WebhookRequest` when the raw body is already in hand (a framework's raw-body parser
 * read it within the limit), built without waiting for anything.
 */
export function nodeWebhookRequest(
  req: IncomingMessage,
  path: string,
  body: Uint8Array,
  options: ResolvedAdapterOptions,
): WebhookRequest {
  const headers = req.headers;
  const host = headers.host ?? (headers[':authority'] as string | undefined);
  return {
    method: req.method ?? 'GET',
    url: options.requestUrl(connectionProtocol(req), host, path, headers),
    headers,
    body,
  };
}

/** `https` when the connection itself is TLS. */
export function connectionProtocol(req: IncomingMessage): 'http' | 'https' {
  return (req.socket as TLSSocket | null)?.encrypted ? 'https' : 'http';
}

function requestBody(
  req: IncomingMessage,
  source: NodeRequestSource,
  limit: number,
): Uint8Array | Promise<Buffer> {
  const raw = source.rawBody;
  if (raw !== undefined) {
    const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (bytes.byteLength > limit) throw bodyTooLarge(limit);
    return bytes;
  }
  if (!announcesBody(req)) return EMPTY;
  // A parser that read the stream leaves it ended: waiting for data that never comes would hang.
  if (req.readableDidRead || req.readableEnded)
    throw new WebhookError('body_already_parsed', source.alreadyParsed);
  return readBody(req, limit);
}

/** Node frames request bodies by these two headers; without them there is no body to read. */
function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
