import type { ServerResponse } from 'node:http';
import type { WebhookResponse } from '@hookwire/core';

/** Writes a `WebhookResponse` with Node's own API (no framework helpers on the hot path). */
export function writeResponse(res: ServerResponse, response: WebhookResponse): void {
  res.statusCode = response.status;
  const headers = response.headers;
  if (headers) for (const name in headers) res.setHeader(name, headers[name]!);
  res.end(response.body);
}

/** The body as a Buffer, sharing the bytes: frameworks treat a plain Uint8Array as JSON to serialise. */
export function bodyBuffer(body: string | Uint8Array | undefined): string | Buffer {
  if (body === undefined) return '';
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
