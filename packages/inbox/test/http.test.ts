import { createWebhookRequest, type WebhookEvent } from '@hookwire/core';
import {
  createInbox,
  createInboxApi,
  createMemoryInboxStore,
  type Inbox,
  type InboxStore,
  type MemoryInboxStore,
} from '@hookwire/inbox';
import { signSlackRequest } from '@hookwire/slack/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { issueOpened, SLACK_SECRET, silent, testHub } from './support/fixtures.js';
import { ADAPTERS, post, type Served, serve } from './support/servers.js';

const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);

describe.each(ADAPTERS)('inbox over HTTP through %s', (adapter) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  async function setup(
    options: {
      store?: InboxStore;
      schedule?: number[];
      concurrency?: number;
      key?: (e: WebhookEvent) => string;
      maxBodySize?: number;
    } = {},
  ) {
    let clock = T0;
    const store = options.store ?? createMemoryInboxStore();
    const inbox = createInbox({
      hub: testHub(),
      store,
      schedule: options.schedule ?? [5, 60],
      jitter: 0,
      concurrency: options.concurrency,
      key: options.key,
      now: () => clock,
      logger: silent,
    });
    const api = createInboxApi({
      inbox,
      authenticate: (request) => request.headers.authorization === 'Bearer op',
    });
    served = await serve(adapter, { webhooks: inbox, api, maxBodySize: options.maxBodySize });
    const origin = served.origin;
    return {
      inbox,
      store,
      origin,
      advance: (ms: number) => {
        clock += ms;
      },
      send: (request: Parameters<typeof post>[2], path = '/webhooks/github') => post(origin, path, request),
      api: async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${origin}/api/inbox${path}`, {
          method,
          headers: { authorization: 'Bearer op', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: (await response.json()) as any };
      },
    };
  }

  it('stores a verified webhook with its raw request, then answers 2xx; a worker processes it', async () => {
    const { inbox, send } = await setup();
    const seen: WebhookEvent[] = [];
    inbox.on('issues.opened', (event) => {
      seen.push(event);
    });
    const request = issueOpened(1, 'r1', 'delivery-1');
    const answer = await send(request);
    expect(answer.status).toBe(200);
    const { items } = await inbox.list();
    expect(items).toHaveLength(1);
    const stored = items[0]!;
    expect(stored).toMatchObject({
      provider: 'github',
      name: 'issues.opened',
      deliveryId: 'delivery-1',
      status: 'pending',
      receivedAt: T0,
    });
    expect(Buffer.from(stored.request.body).equals(Buffer.from(request.body))).toBe(true);
    expect(stored.request.method).toBe('POST');
    expect(stored.request.url).toMatch(/\/webhooks\/github$/);
    expect(stored.request.headers['x-github-event']).toBe('issues');
    expect(stored.payload).toEqual({ action: 'opened', issue: { number: 1 }, repository: { id: 'r1' } });
    expect(seen).toHaveLength(0);
    await inbox.drain();
    expect(seen.map((e) => [e.provider, e.name, e.id])).toEqual([['github', 'issues.opened', 'delivery-1']]);
    expect((await inbox.get(stored.id))?.event).toMatchObject({ status: 'processed', attempts: 1 });
  });

  it('answers only once the write is durable', async () => {
    const memory = createMemoryInboxStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let writing = false;
    const store = Object.assign(Object.create(memory) as MemoryInboxStore, {
      insert: async (events: Parameters<InboxStore['insert']>[0]) => {
        writing = true;
        await gate;
        return memory.insert(events);
      },
    });
    const { send } = await setup({ store });
    let answered = false;
    const answer = send(issueOpened(1)).then((result) => {
      answered = true;
      return result;
    });
    while (!writing) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(answered).toBe(false);
    release();
    expect((await answer).status).toBe(200);
    expect((await memory.list({})).items).toHaveLength(1);
  });

  it('refuses a tampered webhook with the receiver 4xx and stores nothing', async () => {
    const { inbox, send } = await setup();
    const request = issueOpened(1);
    const tampered = await send({
      ...request,
      body: Buffer.from(Buffer.from(request.body).toString().replace('"number":1', '"number":2')),
    });
    expect(tampered.status).toBe(401);
    expect(JSON.parse(tampered.text).error.code).toBe('signature_mismatch');
    const unsigned = await send({
      ...request,
      headers: { ...request.headers, 'x-hub-signature-256': undefined },
    });
    expect(unsigned.status).toBe(400);
    const unknown = await send(request, '/webhooks/nobody');
    expect(unknown.status).toBe(404);
    expect((await inbox.list()).items).toEqual([]);
  });

  it('answers a handshake and stores nothing', async () => {
    const { inbox, send } = await setup();
    const handshake = signSlackRequest({
      secret: SLACK_SECRET,
      payload: { type: 'url_verification', challenge: 'chal-123' },
    });
    const answer = await send(handshake, '/webhooks/slack');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ challenge: 'chal-123' });
    expect((await inbox.list()).items).toEqual([]);
  });

  it('acknowledges a duplicate delivery id and stores it once', async () => {
    const { inbox, send } = await setup();
    const request = issueOpened(1, 'r1', 'same-id');
    const answers = await Promise.all([send(request), send(request), send(request)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await send(request)).status).toBe(200);
    expect((await inbox.list()).items).toHaveLength(1);
  });

  it('answers 413 to a body over the size limit and stores nothing', async () => {
    const { inbox, send } = await setup({ maxBodySize: 1024 });
    const big = issueOpened(1);
    const request = { ...big, body: Buffer.alloc(4096, 'a') };
    expect((await send(request)).status).toBe(413);
    expect((await inbox.list()).items).toEqual([]);
  });

  it('answers 503, never 2xx, when the store refuses the write', async () => {
    const memory = createMemoryInboxStore();
    const store = Object.assign(Object.create(memory) as MemoryInboxStore, {
      insert: async () => {
        throw new Error('disk full');
      },
    });
    const { send } = await setup({ store });
    const answer = await send(issueOpened(1));
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).error.code).toBe('store_unavailable');
  });

  it('retries a failing handler on the schedule, then marks the event dead with the error kept', async () => {
    const { inbox, send, advance, api } = await setup({ schedule: [5, 60] });
    let calls = 0;
    inbox.on('issues.*', () => {
      calls++;
      throw new Error(`handler broke (${calls})`);
    });
    expect((await send(issueOpened(1))).status).toBe(200);
    const { id } = (await inbox.list()).items[0]!;
    await inbox.drain();
    expect(calls).toBe(1);
    expect((await inbox.get(id))?.event).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: T0 + 5000,
    });
    advance(4999);
    await inbox.drain();
    expect(calls).toBe(1);
    advance(1);
    await inbox.drain();
    expect(calls).toBe(2);
    expect((await inbox.get(id))?.event.nextAttemptAt).toBe(T0 + 5000 + 60_000);
    advance(60_000);
    await inbox.drain();
    expect(calls).toBe(3);
    const shown = await api('GET', `/events/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({
      id,
      status: 'dead',
      attempts: 3,
      provider: 'github',
      name: 'issues.opened',
    });
    expect(shown.json.lastError).toContain('handler broke (3)');
    expect(
      shown.json.history.map((a: { attempt: number; error: string }) => [a.attempt, a.error.split('\n')[0]]),
    ).toEqual([
      [1, 'Error: handler broke (1)'],
      [2, 'Error: handler broke (2)'],
      [3, 'Error: handler broke (3)'],
    ]);
    const listed = await api('GET', '/events?status=dead');
    expect(listed.json.items.map((item: { id: string }) => item.id)).toEqual([id]);
    advance(3_600_000);
    await inbox.drain();
    expect(calls).toBe(3);
  });

  it('replays an event through the current handler', async () => {
    const { inbox, send, api } = await setup({ schedule: [] });
    let fixed = false;
    const handled: number[] = [];
    inbox.on('issues.opened', (event) => {
      if (!fixed) throw new Error('not fixed yet');
      handled.push((event.payload as { issue: { number: number } }).issue.number);
    });
    await send(issueOpened(7));
    await inbox.drain();
    const { id, status } = (await inbox.list()).items[0]!;
    expect(status).toBe('dead');
    fixed = true;
    const replayed = await api('POST', `/events/${id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.json).toMatchObject({ ok: true, error: null, attempt: { kind: 'replay' } });
    expect(handled).toEqual([7]);
    const shown = await api('GET', `/events/${id}`);
    expect(shown.json.status).toBe('processed');
    expect(shown.json.attempts).toBe(1);
    expect(shown.json.history.map((a: { kind: string }) => a.kind)).toEqual(['process', 'replay']);
  });

  it('processes events with the same key one at a time, in arrival order, under concurrency', async () => {
    const { inbox, send } = await setup({
      concurrency: 8,
      key: (event) => (event.payload as { repository: { id: string } }).repository.id,
    });
    const order = new Map<string, number[]>();
    const active = new Set<string>();
    let running = 0;
    let most = 0;
    let overlaps = 0;
    inbox.on('issues.opened', async (event) => {
      const payload = event.payload as { issue: { number: number }; repository: { id: string } };
      const repo = payload.repository.id;
      if (active.has(repo)) overlaps++;
      active.add(repo);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, (payload.issue.number * 7) % 4));
      order.set(repo, [...(order.get(repo) ?? []), payload.issue.number]);
      running--;
      active.delete(repo);
    });
    for (let n = 0; n < 40; n++) expect((await send(issueOpened(n, `repo-${n % 4}`))).status).toBe(200);
    await inbox.drain();
    expect(overlaps).toBe(0);
    expect(most).toBeGreaterThan(1);
    for (let r = 0; r < 4; r++) {
      expect(order.get(`repo-${r}`)).toEqual(Array.from({ length: 10 }, (_, i) => i * 4 + r));
    }
  });
});

describe('inbox wiring', () => {
  it('refuses a receiver whose own dedupe would hide a failed write from the retry', async () => {
    const { github } = await import('@hookwire/github');
    expect(() =>
      createInbox({ receiver: github({ secret: 's', dedupe: true }), store: createMemoryInboxStore() }),
    ).toThrow(/dedupe/);
  });

  it('names the missing option', () => {
    expect(() => createInbox({ store: createMemoryInboxStore() } as never)).toThrow(/`receiver`.*or `hub`/);
    expect(() => createInbox({ hub: testHub() } as never)).toThrow(/`store` is required/);
    expect(() => createInbox({ hub: testHub(), store: createMemoryInboxStore(), concurrency: 0 })).toThrow(
      /`concurrency`/,
    );
  });

  it('accepts a receiver directly and keeps every event of a multi-event request', async () => {
    const { github } = await import('@hookwire/github');
    const inbox: Inbox = createInbox({
      receiver: github({ secret: 'gh-test-secret' }),
      store: createMemoryInboxStore(),
      logger: silent,
    });
    const response = await inbox.handle(issueOpened(3));
    expect(response.status).toBe(200);
    expect((await inbox.list()).items).toHaveLength(1);
    const ping = await inbox.handle(createWebhookRequest({ method: 'GET' }));
    expect(ping.status).toBe(405);
  });
});
