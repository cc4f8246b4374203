import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookRequest } from '@hookwire/core';
import {
  type createManagementApi,
  createMemoryStore,
  createSender,
  isSenderError,
  type Sender,
  type SenderOptions,
} from '@hookwire/sender';
import { afterEach } from 'vitest';

type ManagementApi = ReturnType<typeof createManagementApi>;

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type Responder = (request: ReceivedRequest, response: ServerResponse, index: number) => void;

/** A real HTTP subscriber on 127.0.0.1 that records what it gets and answers as told. */
export async function startSubscriber(respond: Responder = (_q, r) => r.writeHead(204).end()) {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(received);
      respond(received, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { waitFor } from '@hookwire/sender/testing';

/** A sender on a fresh memory store. */
export function memorySender(options: Omit<SenderOptions, 'store'> = {}): Sender {
  return createSender({ store: createMemoryStore(), ...options });
}

/**
 * Senders and subscribers for delivery tests, each closed after every test. `defaults` are the
 * sender options of the file; a test's own options override them.
 */
export function deliveryHarness(defaults: Partial<SenderOptions> = {}) {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.close()));
  });
  function makeSender(options: Partial<SenderOptions> = {}): Sender {
    const sender = memorySender({
      allowPrivateNetwork: true,
      retrySchedule: [0.05, 0.05],
      jitter: 0,
      pollIntervalMs: 20,
      onError: () => {},
      ...defaults,
      ...options,
    });
    running.push(sender);
    return sender;
  }
  async function subscriber(...args: Parameters<typeof startSubscriber>) {
    const server = await startSubscriber(...args);
    running.push(server);
    return server;
  }
  return { makeSender, subscriber };
}

/** A sender on a memory store whose clock stands still at `now`. */
export function senderAt(now: number, options: Partial<SenderOptions> = {}) {
  const store = createMemoryStore();
  const sender = createSender({ store, allowPrivateNetwork: true, now: () => now, ...options });
  return { store, sender };
}

/** One management API request; the answer's status and its parsed JSON body. */
export async function callApi(
  api: ManagementApi,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const { token, body, raw } = options;
  const sent = raw ?? (body !== undefined ? JSON.stringify(body) : undefined);
  const response = await api.handle(
    createWebhookRequest({
      method,
      url: `https://service.example/api${path}`,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(sent !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(sent !== undefined ? { body: sent } : {}),
    }),
  );
  const text = response.body === undefined ? '' : Buffer.from(response.body).toString('utf8');
  return {
    status: response.status,
    headers: response.headers ?? {},
    text,
    json: text ? JSON.parse(text) : undefined,
  };
}

/** The most arrivals in any window [t, t + 1000 ms) that starts at an arrival. */
export function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + 1000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

/** The error a promise rejects with; fails the test when it fulfils or rejects with another kind. */
export async function senderRejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isSenderError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
