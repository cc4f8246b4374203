import { createWebhookRequest } from '@hookwire/core';
import { createInbox, createInboxApi, createMemoryInboxStore, type InboxOptions } from '@hookwire/inbox';
import { describe, expect, it } from 'vitest';
import { issueOpened, silent, testHub } from './support/fixtures.js';

const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);

function setup(options: Partial<InboxOptions> = {}) {
  let clock = T0;
  const inbox = createInbox({
    hub: testHub(),
    store: createMemoryInboxStore(),
    schedule: [],
    now: () => clock,
    logger: silent,
    ...options,
  });
  const api = createInboxApi({
    inbox,
    authenticate: (request) => request.headers.authorization === 'Bearer op',
  });
  const call = async (method: string, path: string, body?: unknown, token = 'op') => {
    const response = await api.handle(
      createWebhookRequest({
        method,
        url: `https://example.com/api/inbox${path}`,
        headers: { authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
    return { status: response.status, json: JSON.parse(String(response.body)), headers: response.headers };
  };
  const receive = async (n: number, deliveryId?: string) => {
    const request = issueOpened(n, 'r1', deliveryId);
    expect((await inbox.handle({ ...request, url: 'https://example.com/webhooks/github' })).status).toBe(200);
  };
  return { inbox, call, receive, advance: (ms: number) => (clock += ms) };
}

describe('inbox management API', () => {
  it('answers 401 without the operator token', async () => {
    const { call } = setup();
    const answer = await call('GET', '/events', undefined, 'nope');
    expect(answer.status).toBe(401);
    expect(answer.headers?.['www-authenticate']).toBe('Bearer');
  });

  it('lists events newest first in cursor pages, with the list item fields', async () => {
    const { call, receive } = setup();
    for (let n = 0; n < 5; n++) await receive(n, `d-${n}`);
    const first = await call('GET', '/events?limit=2&provider=github&status=pending');
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(2);
    expect(Object.keys(first.json.items[0]).sort()).toEqual(
      ['attempts', 'deliveryId', 'id', 'name', 'provider', 'receivedAt', 'status'].sort(),
    );
    expect(first.json.items[0]).toMatchObject({
      deliveryId: 'd-4',
      receivedAt: new Date(T0).toISOString(),
      attempts: 0,
    });
    const second = await call('GET', `/events?limit=2&cursor=${first.json.nextCursor}`);
    const third = await call('GET', `/events?limit=2&cursor=${second.json.nextCursor}`);
    expect(
      [...first.json.items, ...second.json.items, ...third.json.items].map(
        (i: { deliveryId: string }) => i.deliveryId,
      ),
    ).toEqual(['d-4', 'd-3', 'd-2', 'd-1', 'd-0']);
    expect(third.json.nextCursor).toBeNull();
    expect((await call('GET', '/events?name=issues.closed')).json.items).toEqual([]);
  });

  it('answers 400 naming the field for bad input', async () => {
    const { call } = setup();
    const field = async (method: string, path: string, body?: unknown) => {
      const answer = await call(method, path, body);
      expect(answer.status).toBe(400);
      return answer.json.error.field;
    };
    expect(await field('GET', '/events?status=lost')).toBe('status');
    expect(await field('GET', '/events?limit=0')).toBe('limit');
    expect(await field('GET', '/events?limit=abc')).toBe('limit');
    expect(await field('GET', '/events?cursor=zzz')).toBe('cursor');
    expect(await field('GET', '/events?since=yesterday')).toBe('since');
    expect(await field('GET', '/events?tenant=a')).toBe('tenant');
    expect(await field('POST', '/retry-dead', {})).toBe('since');
    expect(await field('POST', '/retry-dead', { since: 'soon' })).toBe('since');
    expect(await field('POST', '/retry-dead', '{not json')).toBe('body');
    expect(await field('POST', '/purge', {})).toBe('body');
    expect(await field('POST', '/purge', { status: 'gone' })).toBe('status');
  });

  it('answers 404 for an unknown id or route, 405 for a wrong method', async () => {
    const { call } = setup();
    for (const [method, path] of [
      ['GET', '/events/ibx_nope'],
      ['POST', '/events/ibx_nope/retry'],
      ['POST', '/events/ibx_nope/replay'],
      ['GET', '/nowhere'],
    ] as const) {
      const answer = await call(method, path);
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
    }
    const wrong = await call('DELETE', '/events');
    expect(wrong.status).toBe(405);
    expect(wrong.headers?.allow).toBe('GET');
  });

  it('retries one dead event, refuses a processed one, and retries every dead one since a time', async () => {
    const { inbox, call, receive, advance } = setup();
    let broken = true;
    inbox.onAny(() => {
      if (broken) throw new Error('down');
    });
    await receive(1, 'a');
    await inbox.drain();
    advance(60_000);
    await receive(2, 'b');
    await receive(3, 'c');
    await inbox.drain();
    const dead = (await call('GET', '/events?status=dead')).json.items as {
      id: string;
      deliveryId: string;
    }[];
    expect(dead.map((e) => e.deliveryId)).toEqual(['c', 'b', 'a']);
    broken = false;
    const retried = await call('POST', `/events/${dead[2]!.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json.event.status).toBe('pending');
    await inbox.drain();
    const again = await call('POST', `/events/${dead[2]!.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('replay');
    const bulk = await call('POST', '/retry-dead', { since: new Date(T0 + 30_000).toISOString() });
    expect(bulk.json).toEqual({ retried: 2 });
    await inbox.drain();
    expect((await call('GET', '/events?status=processed')).json.items).toHaveLength(3);
    const purged = await call('POST', '/purge', { status: 'processed' });
    expect(purged.json).toEqual({ deleted: 3 });
  });
});

describe('retention', () => {
  it('deletes processed events older than the age, in batches, and keeps the rest', async () => {
    const { inbox, advance } = setup({ retention: { maxAgeMs: 86_400_000, batchSize: 2 } });
    inbox.on('issues.opened', (event) => {
      if ((event.payload as { issue: { number: number } }).issue.number === 0) throw new Error('dead one');
    });
    for (let n = 0; n < 5; n++)
      await inbox.handle({ ...issueOpened(n), url: 'https://example.com/webhooks/github' });
    await inbox.drain();
    advance(86_400_000);
    expect(await inbox.prune()).toBe(0);
    advance(1);
    expect(await inbox.prune()).toBe(4);
    expect((await inbox.list()).items.map((e) => e.status)).toEqual(['dead']);
  });
});

describe('bad requests', () => {
  it('refuses malformed or forged requests with 4xx and stores none of them', async () => {
    const { hmacHex } = await import('@hookwire/core');
    const inbox = createInbox({ hub: testHub(), store: createMemoryInboxStore(), logger: silent });
    const good = issueOpened(1);
    const url = 'https://example.com/webhooks/github';
    const signed = (body: string) => ({
      'x-hub-signature-256': `sha256=${hmacHex('sha256', 'gh-test-secret', body)}`,
    });
    const variants = [
      { ...good, url, method: 'GET' },
      { ...good, url, method: 'PUT' },
      { ...good, url, headers: { ...good.headers, 'x-hub-signature-256': 'sha256=' } },
      { ...good, url, headers: { ...good.headers, 'x-hub-signature-256': 'sha1=00' } },
      { ...good, url, headers: { ...good.headers, 'x-hub-signature-256': ['sha256=aa', 'sha256=bb'] } },
      { ...good, url, headers: { ...good.headers, 'x-github-event': undefined } },
      { ...good, url, body: new Uint8Array() },
      { ...good, url, body: Buffer.from('{not json'), headers: { ...good.headers, ...signed('{not json') } },
      { ...good, url: 'https://example.com/webhooks/unknown' },
    ];
    for (const request of variants) {
      const answer = await inbox.handle(request as typeof good);
      expect(
        answer.status,
        `${request.method} ${Buffer.from(request.body).toString().slice(0, 20)}`,
      ).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    expect((await inbox.list()).items).toEqual([]);
    expect((await inbox.handle({ ...good, url })).status).toBe(200);
    expect((await inbox.list()).items).toHaveLength(1);
  });
});
