import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, readConfig, startServer } from '@hookwire/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hookwire-observability-'));
const TOKEN = 'acme-token';
let running: RunningServer;
let base: string;
const jsonLines: string[] = [];
const received: IncomingMessage['headers'][] = [];
const subscriber = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received.push(req.headers);
    // The first request fails: a retry line, then a success line.
    res.writeHead(req.url === '/flaky' && received.length === 1 ? 500 : 204).end();
  });
});

async function eventually<T>(find: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 10_000; ; ) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  subscriber.listen(0, '127.0.0.1');
  await once(subscriber, 'listening');
  const env = {
    PORT: '0',
    HOOKWIRE_DATABASE: join(dir, 'observability.db'),
    HOOKWIRE_API_TOKENS: `${TOKEN}=acme`,
    HOOKWIRE_OPERATOR_TOKEN: 'op-token',
    HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'true',
    HOOKWIRE_RETRY_SCHEDULE: '1',
  };
  // The server's own pino setup, with the lines captured instead of written to standard output.
  const logger = pino({ name: 'hookwire' }, { write: (line: string) => jsonLines.push(line) });
  running = await startServer(readConfig(env), env, () => {}, { logger });
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running.close();
  subscriber.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = (path: string, body: unknown) =>
  fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('GET /metrics and the JSON delivery log', () => {
  it('serves the sender counters in Prometheus text after deliveries, and logs one JSON line per outcome', async () => {
    const address = subscriber.address() as { port: number };
    const created = await api('/subscriptions', {
      url: `http://127.0.0.1:${address.port}/flaky`,
      events: ['*'],
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    expect((await api('/events', { type: 'order.created', data: { total: 3 } })).status).toBe(202);
    await eventually(() => (received.length >= 2 ? true : undefined), 'the retry to arrive');

    const lines = await eventually(() => {
      const parsed = jsonLines.map((line) => JSON.parse(line) as Record<string, unknown>);
      return parsed.some((l) => l.outcome === 'succeeded') ? parsed : undefined;
    }, 'the success line');
    expect(lines.map((l) => [l.level, l.outcome, l.msg])).toEqual([
      [40, 'retry', 'delivery attempt failed; will retry'],
      [30, 'succeeded', 'delivery succeeded'],
    ]);
    expect(lines[1]).toMatchObject({
      name: 'hookwire',
      tenant: 'acme',
      eventType: 'order.created',
      status: 204,
    });
    for (const line of jsonLines) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain('webhook-signature');
    }

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^hookwire_events_published_total\{[^}]*\} 1$/m);
    expect(text).toMatch(
      /^hookwire_deliveries_total\{[^}]*outcome="succeeded"[^}]*status_class="2xx"[^}]*\} 1$/m,
    );
    expect(text).toMatch(
      /^hookwire_deliveries_total\{[^}]*outcome="retry"[^}]*status_class="5xx"[^}]*\} 1$/m,
    );
    expect(text).toMatch(/^hookwire_attempt_duration_count\{[^}]*\} 1$/m);
    expect(text).toMatch(/^hookwire_queue_depth\{[^}]*state="due"[^}]*\} 0$/m);
  });
});
