import { UsageError } from '../errors.js';
import type { SavedRequest } from './saved.js';

type Captured = Pick<SavedRequest, 'method' | 'url' | 'headers' | 'body'>;

/**
 * A raw HTTP/1.1 request as captured (request line, headers, blank line, body). The URL is rebuilt
 * from the Host header; `scheme` says what the connection was, since the bytes do not.
 */
export function parseRawHttp(bytes: Buffer, scheme = 'http'): Captured {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const [end, gap] = crlf !== -1 && (lf === -1 || crlf < lf) ? [crlf, 4] : [lf, 2];
  const head = (end === -1 ? bytes : bytes.subarray(0, end)).toString('latin1');
  const body = end === -1 ? Buffer.alloc(0) : bytes.subarray(end + gap);
  const [requestLine = '', ...lines] = head.split(/\r?\n/);
  const match = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine.trim());
  if (!match) {
    throw new UsageError(
      `the request does not start with an HTTP/1.1 request line such as "POST /webhooks HTTP/1.1"; got "${requestLine.slice(0, 60)}".`,
    );
  }
  const headers: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new UsageError(`malformed header line in the request: "${line.slice(0, 60)}"`);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const target = match[2]!;
  const host = headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
  if (!/^https?:\/\//.test(target) && !host) {
    throw new UsageError(
      'the request has no Host header, so its URL is unknown: add "Host: <host>" after the request line.',
    );
  }
  const url = /^https?:\/\//.test(target) ? target : `${scheme}://${host}${target}`;
  return { method: match[1]!, url, headers, body: dechunk(body, headers).toString('base64') };
}

/** A captured body sent with `Transfer-Encoding: chunked` is unframed, as the receiver saw it. */
function dechunk(body: Buffer, headers: [string, string][]): Buffer {
  const chunked = headers.some(
    ([name, value]) => name.toLowerCase() === 'transfer-encoding' && /chunked/i.test(value),
  );
  if (!chunked) return body;
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
