import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '@hookwire/server';
import { type RunningDemo, startDemo } from '../src/demo.js';

export interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export const TENANT_TOKENS = { acme: 'token-acme', globex: 'token-globex' } as const;
export const OPERATOR_TOKEN = 'token-operator';

export interface TestDemo {
  demo: RunningDemo;
  base: string;
  /** Every line the demo logged. */
  log: string[];
  /** Lines logged since `from` about requests (the workers' delivery and inbox lines left out). */
  requestLines(from: number): string[];
  /** Every request the local subscriber got; its URL is `subscriberUrl(path)`. */
  received: Received[];
  subscriberUrl(path: string): string;
  api(path: string, init?: RequestInit, token?: string): Promise<Response>;
  close(): Promise<void>;
}

/** What the workers log (deliveries, processing of stored webhooks), at any time after a request. */
const WORKER_LINE = /^(delivered |delivery |received |inbox[: ])/;

/** The demo on port 0 with a temporary SQLite file, a local subscriber and a captured log. */
export async function startTestDemo(extraEnv: Record<string, string> = {}): Promise<TestDemo> {
  const received: Received[] = [];
  const subscriber: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(204).end();
    });
  });
  subscriber.listen(0, '127.0.0.1');
  await once(subscriber, 'listening');
  const address = subscriber.address();
  const subscriberPort = typeof address === 'object' && address ? address.port : 0;
  const dir = mkdtempSync(join(tmpdir(), 'hookwire-demo-'));
  const env = {
    PORT: '0',
    HOOKWIRE_DATABASE: join(dir, 'demo.db'),
    HOOKWIRE_API_TOKENS: `${TENANT_TOKENS.acme}=acme,${TENANT_TOKENS.globex}=globex`,
    HOOKWIRE_OPERATOR_TOKEN: OPERATOR_TOKEN,
    HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'true',
    HOOKWIRE_RETRY_SCHEDULE: '1,1',
    ...extraEnv,
  };
  const log: string[] = [];
  const demo = await startDemo(readConfig(env), env, (line) => log.push(line));
  const base = `http://127.0.0.1:${demo.port}`;
  return {
    demo,
    base,
    log,
    requestLines: (from) => log.slice(from).filter((line) => !WORKER_LINE.test(line)),
    received,
    subscriberUrl: (path) => `http://127.0.0.1:${subscriberPort}${path}`,
    api: (path, init = {}, token = TENANT_TOKENS.acme) =>
      fetch(`${base}/api${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      }),
    async close() {
      await demo.close();
      subscriber.closeAllConnections();
      subscriber.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(find: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls an async lookup until it finds something (e.g. a webhook processed by the inbox's workers). */
export async function eventually<T>(
  find: () => Promise<T | undefined>,
  what: string,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Sends a webhook request as built by a provider's test signer. */
export function post(base: string, path: string, request: { headers: unknown; body: Uint8Array | string }) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: request.headers as Record<string, string>,
    body: request.body,
  });
}
