/**
 * The inbox store conformance suite: one suite for every `InboxStore` (memory, SQLite, PostgreSQL…).
 *
 * ```ts
 * import { describeInboxStore } from '@hookwire/inbox/testing';
 * describeInboxStore('sqlite', () => createSqliteInboxStore({ path: ':memory:' }));
 * ```
 *
 * The factory must return an empty store each time. Needs vitest (an optional peer dependency).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newInboxId } from './ids.js';
import type { InboxStore, NewInboxEvent, ProcessingOutcome } from './types.js';

const T0 = 1_700_000_000_000;
const LEASE = 30_000;

/** A valid event record for store tests. */
export function makeInboxEvent(overrides: Partial<NewInboxEvent> = {}): NewInboxEvent {
  const deliveryId = overrides.deliveryId ?? crypto.randomUUID();
  return {
    id: newInboxId(T0),
    provider: 'github',
    name: 'issues.opened',
    deliveryId,
    dedupeKey: deliveryId,
    payload: { action: 'opened', issue: { number: 7, title: 'ünïcode ✓' } },
    meta: { hookId: '42' },
    request: {
      method: 'POST',
      url: 'https://example.com/webhooks/github?x=1',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-multi': ['a', 'b'] },
      body: new Uint8Array(Buffer.from('{"action":"opened"}')),
    },
    receivedAt: T0,
    ...overrides,
  };
}

function outcome(
  id: string,
  lease: string,
  status: ProcessingOutcome['status'],
  attempt: number,
  now: number,
  extra: { error?: string; nextAttemptAt?: number } = {},
): ProcessingOutcome {
  return {
    id,
    lease,
    status,
    now,
    nextAttemptAt: extra.nextAttemptAt ?? now,
    attempt: { eventId: id, attempt, kind: 'process', startedAt: now, durationMs: 1.5, error: extra.error },
  };
}

export function describeInboxStore(name: string, create: () => InboxStore | Promise<InboxStore>): void {
  describe(`inbox store conformance: ${name}`, () => {
    let store: InboxStore;
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close();
    });

    const claimAll = (now = T0, extra: Partial<Parameters<InboxStore['claim']>[0]> = {}) =>
      store.claim({ now, leaseMs: LEASE, limit: 100, ...extra });

    it('stores an event with its payload, meta and raw request, pending with no attempts', async () => {
      const input = makeInboxEvent({
        request: { ...makeInboxEvent().request, body: new Uint8Array([0, 255, 10, 128]) },
      });
      expect(await store.insert([input])).toEqual([true]);
      const event = await store.get(input.id);
      expect(event).toMatchObject({
        id: input.id,
        provider: 'github',
        name: 'issues.opened',
        deliveryId: input.deliveryId,
        payload: input.payload,
        meta: input.meta,
        receivedAt: T0,
        status: 'pending',
        attempts: 0,
      });
      expect(event!.request.method).toBe('POST');
      expect(event!.request.url).toBe(input.request.url);
      expect(event!.request.headers).toEqual(input.request.headers);
      expect([...event!.request.body]).toEqual([0, 255, 10, 128]);
      expect(await store.get('ibx_missing')).toBeUndefined();
    });

    it('stores a duplicate (provider + dedupe key) once, also within one call and across concurrent calls', async () => {
      const first = makeInboxEvent({ deliveryId: 'd-1', dedupeKey: 'd-1' });
      const again = makeInboxEvent({ deliveryId: 'd-1', dedupeKey: 'd-1' });
      const otherProvider = makeInboxEvent({ provider: 'stripe', deliveryId: 'd-1', dedupeKey: 'd-1' });
      const noKey1 = makeInboxEvent({ deliveryId: undefined, dedupeKey: undefined });
      const noKey2 = makeInboxEvent({ deliveryId: undefined, dedupeKey: undefined });
      expect(await store.insert([first, again, otherProvider, noKey1, noKey2])).toEqual([
        true,
        false,
        true,
        true,
        true,
      ]);
      const concurrent = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.insert([makeInboxEvent({ deliveryId: `c-${i % 5}`, dedupeKey: `c-${i % 5}` })]),
        ),
      );
      expect(concurrent.flat().filter(Boolean)).toHaveLength(5);
      expect(await store.insert([makeInboxEvent({ deliveryId: 'd-1', dedupeKey: 'd-1' })])).toEqual([false]);
      const page = await store.list({ limit: 100 });
      expect(page.items).toHaveLength(4 + 5);
    });

    it('claims due events under a lease; an expired lease lets another worker take the event', async () => {
      const now = makeInboxEvent();
      const later = makeInboxEvent({ receivedAt: T0 + 60_000 });
      await store.insert([now, later]);
      const claimed = await claimAll();
      expect(claimed.map((c) => c.event.id)).toEqual([now.id]);
      expect(await claimAll(T0 + 1000)).toEqual([]);
      const retaken = await claimAll(T0 + LEASE + 1);
      expect(retaken.map((c) => c.event.id)).toEqual([now.id]);
      expect(retaken[0]!.lease).not.toBe(claimed[0]!.lease);
      // The first worker lost its lease: its outcome is not recorded.
      expect(await store.finish(outcome(now.id, claimed[0]!.lease, 'processed', 1, T0 + LEASE + 2))).toBe(
        false,
      );
      expect(await store.finish(outcome(now.id, retaken[0]!.lease, 'processed', 1, T0 + LEASE + 2))).toBe(
        true,
      );
      expect((await store.get(now.id))!.status).toBe('processed');
    });

    it('claims oldest first, up to the limit and the per-provider limit', async () => {
      const events = [
        makeInboxEvent({ provider: 'github' }),
        makeInboxEvent({ provider: 'github' }),
        makeInboxEvent({ provider: 'github' }),
        makeInboxEvent({ provider: 'stripe' }),
        makeInboxEvent({ provider: 'stripe' }),
      ];
      for (const event of events) await store.insert([event]);
      const two = await claimAll(T0, { limit: 2 });
      expect(two.map((c) => c.event.id)).toEqual([events[0]!.id, events[1]!.id]);
      const rest = await claimAll(T0, { perProvider: 2, running: new Map([['github', 2]]) });
      expect(rest.map((c) => c.event.id)).toEqual([events[3]!.id, events[4]!.id]);
      expect(await claimAll(T0, { perProvider: 3, running: new Map([['github', 2]]) })).toHaveLength(1);
    });

    it('takes one event per order key at a time, in arrival order; a dead one does not block its key', async () => {
      const a1 = makeInboxEvent({ orderKey: 'repo-a' });
      const a2 = makeInboxEvent({ orderKey: 'repo-a' });
      const b1 = makeInboxEvent({ orderKey: 'repo-b' });
      const a3 = makeInboxEvent({ orderKey: 'repo-a' });
      await store.insert([a1, a2, b1, a3]);
      const first = await claimAll();
      expect(first.map((c) => c.event.id)).toEqual([a1.id, b1.id]);
      // a1 fails and waits for a retry: a2 still waits behind it.
      await store.finish(
        outcome(a1.id, first[0]!.lease, 'pending', 1, T0, { error: 'boom', nextAttemptAt: T0 + 5000 }),
      );
      expect(await claimAll(T0 + 1000)).toEqual([]);
      const retry = await claimAll(T0 + 5000);
      expect(retry.map((c) => c.event.id)).toEqual([a1.id]);
      await store.finish(outcome(a1.id, retry[0]!.lease, 'dead', 2, T0 + 5000, { error: 'boom' }));
      const next = await claimAll(T0 + 5000);
      expect(next.map((c) => c.event.id)).toEqual([a2.id]);
    });

    it('records outcomes: processed, a retry with its due time and error, dead with the error kept', async () => {
      const ok = makeInboxEvent();
      const failing = makeInboxEvent();
      await store.insert([ok, failing]);
      const [c1, c2] = await claimAll();
      expect(await store.finish(outcome(ok.id, c1!.lease, 'processed', 1, T0 + 10))).toBe(true);
      await store.finish(
        outcome(failing.id, c2!.lease, 'pending', 1, T0 + 10, {
          error: 'Error: first',
          nextAttemptAt: T0 + 5010,
        }),
      );
      expect(await store.get(ok.id)).toMatchObject({
        status: 'processed',
        attempts: 1,
        processedAt: T0 + 10,
      });
      expect(await store.get(failing.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: T0 + 5010,
        lastError: 'Error: first',
      });
      const [again] = await claimAll(T0 + 5010);
      await store.finish(outcome(failing.id, again!.lease, 'dead', 2, T0 + 5020, { error: 'Error: second' }));
      expect(await store.get(failing.id)).toMatchObject({
        status: 'dead',
        attempts: 2,
        lastError: 'Error: second',
      });
      const attempts = await store.attempts(failing.id);
      expect(attempts.map((a) => [a.attempt, a.kind, a.error])).toEqual([
        [1, 'process', 'Error: first'],
        [2, 'process', 'Error: second'],
      ]);
      expect(attempts[0]!.durationMs).toBe(1.5);
      expect((await store.attempts(ok.id))[0]!.error).toBeUndefined();
    });

    it('lists newest first by provider, name, status and time, in cursor pages', async () => {
      const events = Array.from({ length: 7 }, (_, i) =>
        makeInboxEvent({
          provider: i % 2 ? 'stripe' : 'github',
          name: i < 4 ? 'a.b' : 'c.d',
          receivedAt: T0 + i * 1000,
        }),
      );
      for (const event of events) await store.insert([event]);
      const ids = (page: { items: { id: string }[] }) => page.items.map((e) => e.id);
      const first = await store.list({ limit: 3 });
      expect(ids(first)).toEqual([events[6]!.id, events[5]!.id, events[4]!.id]);
      const second = await store.list({ limit: 3, cursor: first.nextCursor });
      expect(ids(second)).toEqual([events[3]!.id, events[2]!.id, events[1]!.id]);
      const third = await store.list({ limit: 3, cursor: second.nextCursor });
      expect(ids(third)).toEqual([events[0]!.id]);
      expect(third.nextCursor).toBeUndefined();
      expect(ids(await store.list({ provider: 'stripe' }))).toEqual([
        events[5]!.id,
        events[3]!.id,
        events[1]!.id,
      ]);
      expect(ids(await store.list({ name: 'c.d', provider: 'github' }))).toEqual([
        events[6]!.id,
        events[4]!.id,
      ]);
      expect(ids(await store.list({ since: T0 + 2000, until: T0 + 4000 }))).toEqual([
        events[3]!.id,
        events[2]!.id,
      ]);
      const [claimed] = await claimAll(T0 + 10_000, { limit: 1 });
      await store.finish(outcome(claimed!.event.id, claimed!.lease, 'dead', 1, T0 + 10_000, { error: 'x' }));
      expect(ids(await store.list({ status: 'dead' }))).toEqual([events[0]!.id]);
      expect((await store.list({ status: 'pending' })).items).toHaveLength(6);
      expect((await store.list({ status: 'dead' })).items[0]).toMatchObject({ attempts: 1, status: 'dead' });
    });

    it('requeues one event or every dead one since a time, never one in flight or processed', async () => {
      const events = [makeInboxEvent(), makeInboxEvent(), makeInboxEvent(), makeInboxEvent()];
      await store.insert(events);
      const claimed = await claimAll();
      await store.finish(outcome(events[0]!.id, claimed[0]!.lease, 'dead', 1, T0 + 100, { error: 'x' }));
      await store.finish(outcome(events[1]!.id, claimed[1]!.lease, 'dead', 1, T0 + 200, { error: 'x' }));
      await store.finish(outcome(events[2]!.id, claimed[2]!.lease, 'processed', 1, T0 + 300));
      expect(await store.requeue('ibx_missing', T0 + 400)).toBe('not_found');
      expect(await store.requeue(events[2]!.id, T0 + 400)).toBe('processed');
      expect(await store.requeue(events[3]!.id, T0 + 400)).toBe('in_flight');
      expect(await store.requeueDead(T0 + 150, T0 + 400)).toBe(1);
      expect(await store.get(events[1]!.id)).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 400 });
      expect((await store.get(events[0]!.id))!.status).toBe('dead');
      expect(await store.requeue(events[0]!.id, T0 + 400)).toBe('requeued');
      const due = await claimAll(T0 + 400);
      expect(due.map((c) => c.event.id).sort()).toEqual([events[0]!.id, events[1]!.id].sort());
    });

    it('records replays; a dead event that replays cleanly becomes processed', async () => {
      const event = makeInboxEvent();
      await store.insert([event]);
      const [claimed] = await claimAll();
      await store.finish(outcome(event.id, claimed!.lease, 'dead', 1, T0 + 10, { error: 'x' }));
      await store.recordReplay(
        { eventId: event.id, attempt: 1, kind: 'replay', startedAt: T0 + 20, durationMs: 2, error: 'again' },
        false,
        T0 + 20,
      );
      expect((await store.get(event.id))!.status).toBe('dead');
      await store.recordReplay(
        { eventId: event.id, attempt: 1, kind: 'replay', startedAt: T0 + 30, durationMs: 2 },
        true,
        T0 + 30,
      );
      expect(await store.get(event.id)).toMatchObject({ status: 'processed', processedAt: T0 + 30 });
      expect((await store.attempts(event.id)).map((a) => a.kind)).toEqual(['process', 'replay', 'replay']);
    });

    it('purges by status, provider and time, and prunes processed events in batches', async () => {
      const old = Array.from({ length: 5 }, (_, i) => makeInboxEvent({ receivedAt: T0 + i }));
      const other = makeInboxEvent({ provider: 'stripe', receivedAt: T0 + 10 });
      await store.insert([...old, other]);
      for (const { event, lease } of await claimAll(T0 + 100, { limit: 5 })) {
        await store.finish(outcome(event.id, lease, 'processed', 1, T0 + 100));
      }
      expect(await store.prune(T0 + 101, 2)).toBe(2);
      expect(await store.prune(T0 + 100, 10)).toBe(0);
      expect(await store.prune(T0 + 101, 10)).toBe(3);
      expect(await store.attempts(old[0]!.id)).toEqual([]);
      // A pruned delivery id may come again: it is stored anew.
      expect(
        await store.insert([
          makeInboxEvent({ deliveryId: old[0]!.deliveryId, dedupeKey: old[0]!.dedupeKey }),
        ]),
      ).toEqual([true]);
      expect(await store.purge({ provider: 'stripe', before: T0 + 10 })).toBe(0);
      expect(await store.purge({ provider: 'stripe' })).toBe(1);
      expect(await store.purge({ status: 'pending' })).toBe(1);
      expect((await store.list({})).items).toEqual([]);
    });
  });
}
