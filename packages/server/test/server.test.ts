import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signGitHubRequest } from '@hookwire/github/testing';
import { devSecret, type RunningServer, readConfig, startServer } from '@hookwire/server';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hookwire-server-'));
const OPERATOR = 'op-token';
const TENANT = 'acme-token';
const started: RunningServer[] = [];

function envFor(database: string, extra: Record<string, string> = {}) {
  return {
    PORT: '0',
    HOOKWIRE_DATABASE: database,
    HOOKWIRE_API_TOKENS: `${TENANT}=acme`,
    HOOKWIRE_OPERATOR_TOKEN: OPERATOR,
    HOOKWIRE_RETRY_SCHEDULE: '1,1',
    ...extra,
  };
}

async function start(database: string, extra: Record<string, string> = {}) {
  const env = envFor(database, extra);
  const log: string[] = [];
  const running = await startServer(readConfig(env), env, (line) => log.push(line));
  started.push(running);
  const base = `http://127.0.0.1:${running.port}`;
  return { running, base, log };
}

async function stop(running: RunningServer) {
  await running.close();
  started.splice(started.indexOf(running), 1);
}

function sendPush(base: string, deliveryId: string) {
  const request = signGitHubRequest({
    secret: devSecret('github'),
    event: 'push',
    payload: { ref: 'refs/heads/main' },
    deliveryId,
  });
  return fetch(`${base}/webhooks/github`, {
    method: 'POST',
    headers: request.headers as Record<string, string>,
    body: request.body,
  });
}

const inboxList = async (base: string, query = '') =>
  (
    (await (
      await fetch(`${base}/api/inbox/events${query}`, { headers: { authorization: `Bearer ${OPERATOR}` } })
    ).json()) as { items: { id: string; deliveryId: string; status: string; attempts: number }[] }
  ).items;

async function eventually<T>(find: () => Promise<T | undefined>, what: string): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

afterAll(async () => {
  for (const running of [...started]) await running.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readConfig', () => {
  it('gives the inbox the sender schedule unless HOOKWIRE_INBOX_RETRY_SCHEDULE is set', () => {
    expect(readConfig({ HOOKWIRE_RETRY_SCHEDULE: '1,2' }).inboxRetrySchedule).toEqual([1, 2]);
    expect(
      readConfig({ HOOKWIRE_RETRY_SCHEDULE: '1,2', HOOKWIRE_INBOX_RETRY_SCHEDULE: '3' }).inboxRetrySchedule,
    ).toEqual([3]);
    expect(() => readConfig({ HOOKWIRE_INBOX_RETRY_SCHEDULE: '5,,x' })).toThrow(
      /^HOOKWIRE_INBOX_RETRY_SCHEDULE: .*e\.g\. "5,300,1800"/,
    );
  });
});

describe('startServer', () => {
  let base = '';
  let running: RunningServer;
  const database = join(dir, 'one.db');

  beforeAll(async () => {
    ({ base, running } = await start(database));
  });

  it('returns the running parts', () => {
    expect(running.port).toBeGreaterThan(0);
    expect(running.hub.names).toContain('github');
    expect(typeof running.inbox.handle).toBe('function');
    expect(typeof running.sender.publish).toBe('function');
    expect(running.server.listening).toBe(true);
  });

  it('serves the inbox to the operator only: 401 without a token, 403 for a tenant', async () => {
    expect((await fetch(`${base}/api/inbox/events`)).status).toBe(401);
    const tenant = await fetch(`${base}/api/inbox/events`, {
      headers: { authorization: `Bearer ${TENANT}` },
    });
    expect(tenant.status).toBe(403);
    expect(((await tenant.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'operator_only',
      message: expect.stringContaining('HOOKWIRE_OPERATOR_TOKEN'),
    });
    for (const [method, path] of [
      ['GET', '/api/inbox/events/ibx_x'],
      ['POST', '/api/inbox/events/ibx_x/retry'],
      ['POST', '/api/inbox/events/ibx_x/replay'],
      ['POST', '/api/inbox/retry-dead'],
    ] as const) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${TENANT}` },
      });
      expect([path, response.status]).toEqual([path, 403]);
    }
    const operator = await fetch(`${base}/api/inbox/events`, {
      headers: { authorization: `Bearer ${OPERATOR}` },
    });
    expect(operator.status).toBe(200);
    const missing = await fetch(`${base}/api/inbox/events/ibx_missing`, {
      headers: { authorization: `Bearer ${OPERATOR}` },
    });
    expect(missing.status).toBe(404);
    const noSince = await fetch(`${base}/api/inbox/retry-dead`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noSince.status).toBe(400);
  });

  it('stores a verified webhook, processes it, and keeps both halves in one SQLite file', async () => {
    expect((await sendPush(base, 'one-1')).status).toBe(200);
    const processed = await eventually(async () => {
      const item = (await inboxList(base)).find((i) => i.deliveryId === 'one-1');
      return item?.status === 'processed' ? item : undefined;
    }, 'the event to be processed');
    expect(processed.attempts).toBe(1);
    const file = new Database(database, { readonly: true });
    try {
      const tables = (
        file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      ).map((t) => t.name);
      expect(tables.some((name) => name.startsWith('inbox_'))).toBe(true);
      expect(tables).toContain('subscriptions');
      const events = file.prepare('SELECT id FROM events').all() as { id: string }[];
      expect(events.map((e) => e.id)).toContain('github_one-1');
    } finally {
      file.close();
    }
  });

  it('drops a duplicate delivery id durably, across a restart (no in-memory dedupe)', async () => {
    expect((await sendPush(base, 'dup-1')).status).toBe(200);
    await stop(running);
    ({ base, running } = await start(database));
    expect((await sendPush(base, 'dup-1')).status).toBe(200);
    expect((await inboxList(base, '?provider=github')).filter((i) => i.deliveryId === 'dup-1')).toHaveLength(
      1,
    );
  });
});

describe('a database that refuses the write', () => {
  it('answers 503 (never 2xx) and logs it once, on one line, with the cause', async () => {
    const database = join(dir, 'broken.db');
    const { base, log } = await start(database, { HOOKWIRE_ROLE: 'api' });
    const other = new Database(database);
    other.exec('DROP TABLE inbox_events');
    other.close();
    const before = log.length;
    const response = await sendPush(base, 'refused-1');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const lines = log.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST \/webhooks\/github answered 503: .*no such table: inbox_events/);
  });
});

describe('roles on one SQLite file', () => {
  it('`api` stores without processing; a `worker` on the same database processes it', async () => {
    const database = join(dir, 'roles.db');
    const api = await start(database, { HOOKWIRE_ROLE: 'api' });
    expect((await sendPush(api.base, 'role-1')).status).toBe(200);
    // Nothing processes in the api process: the event stays pending, never attempted.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inboxList(api.base)).toEqual([
      expect.objectContaining({ deliveryId: 'role-1', status: 'pending', attempts: 0 }),
    ]);
    expect(api.log.some((line) => line.startsWith('received github'))).toBe(false);
    const worker = await start(database, { HOOKWIRE_ROLE: 'worker' });
    expect((await fetch(`${worker.base}/api/inbox/events`)).status).toBe(404);
    await eventually(
      async () =>
        (await inboxList(api.base)).find((i) => i.deliveryId === 'role-1' && i.status === 'processed'),
      'the worker to process the event',
    );
    expect(worker.log.some((line) => line.startsWith('received github github.push (github_role-1)'))).toBe(
      true,
    );
  });
});
