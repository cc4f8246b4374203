import { request as httpRequest } from 'node:http';
import type { WebhookRequest } from '@hookwire/core';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Sends a `WebhookRequest` (e.g. from a test signer) to a live server with fetch. */
export async function send(
  origin: string,
  path: string,
  init: { method?: string; headers?: WebhookRequest['headers']; body?: string | Uint8Array } = {},
): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    for (const item of typeof value === 'string' ? [value] : (value ?? [])) headers.append(name, item);
  }
  const response = await fetch(origin + path, {
    method: init.method ?? 'POST',
    headers,
    body: init.body as string | undefined,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * Streams chunks of a body that never ends and resolves with the status as soon as the server
 * answers: a server that waited for the whole body would never answer.
 */
export function streamUntilAnswered(
  origin: string,
  path: string,
  chunk: Uint8Array,
  count: number,
): Promise<{ status: number | undefined; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      resolve({ status: res.statusCode, connection: res.headers.connection });
      res.resume();
      req.destroy();
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.flushHeaders();
    for (let i = 0; i < count; i++) req.write(chunk);
  });
}
