import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FailureError, UsageError } from '../errors.js';

export interface OutgoingRequest {
  method: string;
  url: string;
  /** Name/value pairs in the order to send them (names keep their case). */
  headers: [string, string][];
  body: Uint8Array;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** From the first byte written to the last byte read. */
  ms: number;
}

// Node sets these from the request itself; a saved copy would be wrong after a change of target.
const HOP_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

export function parseTarget(value: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${flag} must be an absolute http(s) URL, e.g. http://localhost:3000/webhooks; got "${value}".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${flag} must be an http or https URL; got ${url.protocol}`);
  }
  return url;
}

/** Sends the bytes as they are; a network failure becomes a `FailureError` saying what to check. */
export function send(outgoing: OutgoingRequest, timeoutMs = 10_000): Promise<Answer> {
  const url = new URL(outgoing.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // With headers given as a list Node adds no Host header; HTTP/1.1 servers refuse a request without one.
  const headers: string[] = ['Host', url.host];
  for (const [name, value] of outgoing.headers) {
    if (!HOP_HEADERS.has(name.toLowerCase())) headers.push(name, value);
  }
  headers.push('content-length', String(outgoing.body.byteLength));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: outgoing.method, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new FailureError(unreachable(url, error))));
    req.end(outgoing.body);
  });
}

function unreachable(url: URL, error: NodeJS.ErrnoException): string {
  const where = `${url.protocol}//${url.host}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `could not connect to ${where}: connection refused. Is the server running and listening on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve the host ${url.hostname}: check the URL.`;
    case 'ECONNRESET':
      return `${where} closed the connection before answering.`;
    default:
      return `could not reach ${where}: ${error.message}`;
  }
}

/** The request's headers as pairs, an array value giving one pair per value. */
export function headerPairs(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, one]);
  }
  return pairs;
}
