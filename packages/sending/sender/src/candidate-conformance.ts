/**
 * Store conformance cases of what publish uses: the look-up (`findCandidates` when the store has
 * it, else `findSubscriptions`) and the write (`insertFanOut`, else `insertEvent` with the objects),
 * the fallback publish takes, so every store is checked the same way. Registered by
 * `describeSenderStore`.
 */
import { candidateFilters } from '@hookwire/core';
import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import type { PayloadFilter } from './payload-filter.js';
import type { FanOutDeliveries, SenderStore, SubscriptionCandidate } from './store.js';
import { fanOutDeliveries } from './store-kit.js';
import type { StoredEvent, Subscription } from './types.js';

const T0 = 1_700_000_000_000;

interface Fixtures {
  makeSubscription(overrides?: Partial<Subscription>): Subscription;
  makeEvent(overrides?: Partial<StoredEvent>): StoredEvent;
}

function insertColumns(store: SenderStore, event: StoredEvent, columns: FanOutDeliveries) {
  return store.insertFanOut
    ? store.insertFanOut(event, columns)
    : store.insertEvent(event, fanOutDeliveries(event, columns));
}

function columnsOf(subscriptions: readonly Subscription[], at: number): FanOutDeliveries {
  return {
    ids: subscriptions.map(() => newId('dlv', at)),
    subscriptionIds: subscriptions.map((s) => s.id),
    tenants: subscriptions.map((s) => s.tenant),
  };
}

function lookUp(store: SenderStore, filters: readonly string[], tenant?: string, limit?: number) {
  return store.findCandidates
    ? store.findCandidates(filters, tenant, limit)
    : store.findSubscriptions(filters, tenant, limit);
}

/** A candidate's filter as an object (stores may hand it over as JSON text), undefined when none. */
function filterOf(candidate: SubscriptionCandidate): PayloadFilter | undefined {
  const filter = candidate.filter;
  if (filter === undefined || filter === null) return undefined;
  return typeof filter === 'string' ? (JSON.parse(filter) as PayloadFilter) : filter;
}

const ids = (candidates: readonly SubscriptionCandidate[]) => candidates.map((c) => c.id).sort();

export function describeCandidateLookUp(store: () => SenderStore, fixtures: Fixtures): void {
  describe('the look-up of publish (findCandidates)', () => {
    it("finds a tenant's subscriptions only, each with its tenant; every tenant's without one", async () => {
      const acme = fixtures.makeSubscription({ tenant: 'acme', events: ['invoice.*'] });
      const globex = fixtures.makeSubscription({ tenant: 'globex', events: ['invoice.*'] });
      for (const s of [acme, globex]) await store().insertSubscription(s);
      const filters = candidateFilters('invoice.paid');
      const ofAcme = await lookUp(store(), filters, 'acme');
      expect(ofAcme.map((c) => [c.id, c.tenant])).toEqual([[acme.id, 'acme']]);
      expect(await lookUp(store(), filters, 'initech')).toEqual([]);
      const all = await lookUp(store(), filters);
      expect(all.map((c) => [c.id, c.tenant]).sort()).toEqual(
        [
          [acme.id, 'acme'],
          [globex.id, 'globex'],
        ].sort(),
      );
    });

    it('leaves out disabled subscriptions, and finds them again once enabled', async () => {
      const on = fixtures.makeSubscription({ events: ['*'] });
      const off = fixtures.makeSubscription({ events: ['*'], disabled: true, disabledReason: 'manual' });
      const later = fixtures.makeSubscription({ events: ['*'] });
      for (const s of [on, off, later]) await store().insertSubscription(s);
      await store().updateSubscription(later.id, { disabled: true, updatedAt: T0 + 1 });
      const filters = candidateFilters('order.created');
      expect(ids(await lookUp(store(), filters, 'acme'))).toEqual([on.id]);
      expect(ids(await lookUp(store(), filters))).toEqual([on.id]);
      await store().updateSubscription(off.id, { disabled: false, updatedAt: T0 + 2 });
      expect(ids(await lookUp(store(), filters, 'acme'))).toEqual([on.id, off.id].sort());
    });

    it('matches event filters with wildcards, each subscription once', async () => {
      const make = (events: string[]) => fixtures.makeSubscription({ events });
      const everything = make(['*']);
      const prefix = make(['invoice.*']);
      const exact = make(['invoice.paid']);
      const twice = make(['*', 'invoice.*', 'invoice.paid']);
      const deeper = make(['invoice.paid.*']);
      const other = make(['customer.*']);
      const otherExact = make(['invoice.created']);
      for (const s of [everything, prefix, exact, twice, deeper, other, otherExact])
        await store().insertSubscription(s);
      const found = await lookUp(store(), candidateFilters('invoice.paid'), 'acme');
      expect(ids(found)).toEqual([everything.id, prefix.id, exact.id, twice.id].sort());
      const late = await lookUp(store(), candidateFilters('invoice.paid.late'), 'acme');
      expect(ids(late)).toEqual([everything.id, prefix.id, twice.id, deeper.id].sort());
      expect(ids(await lookUp(store(), candidateFilters('refund.created'), 'acme'))).toEqual(
        [everything.id, twice.id].sort(),
      );
    });

    it('hands over each payload filter exactly, and follows updates of it', async () => {
      const filter = { total: { $gte: 100 }, 'customer.country': { $in: ['DE', 'FR'] } };
      const filtered = fixtures.makeSubscription({ events: ['order.*'], filter });
      const plain = fixtures.makeSubscription({ events: ['order.*'] });
      for (const s of [filtered, plain]) await store().insertSubscription(s);
      const filters = candidateFilters('order.created');
      const byId = async () => new Map((await lookUp(store(), filters, 'acme')).map((c) => [c.id, c]));
      let found = await byId();
      expect(filterOf(found.get(filtered.id)!)).toEqual(filter);
      expect(filterOf(found.get(plain.id)!)).toBeUndefined();

      const changed = { currency: 'EUR' };
      await store().updateSubscription(filtered.id, { filter: undefined, updatedAt: T0 + 1 });
      await store().updateSubscription(plain.id, { filter: changed, updatedAt: T0 + 1 });
      found = await byId();
      expect(filterOf(found.get(filtered.id)!)).toBeUndefined();
      expect(filterOf(found.get(plain.id)!)).toEqual(changed);
    });

    it('given `accepts`, finds every candidate whose filter passes and every one without a filter', async () => {
      const shards: Subscription[] = [];
      for (let i = 0; i < 40; i++) {
        shards.push(
          fixtures.makeSubscription({
            events: i % 2 === 0 ? ['order.*'] : ['*', 'order.created'],
            filter: { shard: i % 4 },
          }),
        );
      }
      const plain = fixtures.makeSubscription({ events: ['order.*'] });
      const disabled = fixtures.makeSubscription({ events: ['*'], filter: { shard: 1 }, disabled: true });
      const elsewhere = fixtures.makeSubscription({ tenant: 'globex', events: ['*'], filter: { shard: 1 } });
      for (const s of [...shards, plain, disabled, elsewhere]) await store().insertSubscription(s);
      const asked: unknown[] = [];
      const accepts = (filter: PayloadFilter | string) => {
        const parsed = typeof filter === 'string' ? JSON.parse(filter) : filter;
        asked.push(parsed);
        return parsed.shard === 1;
      };
      const found = store().findCandidates
        ? await store().findCandidates!(candidateFilters('order.created'), 'acme', undefined, accepts)
        : await store().findSubscriptions(candidateFilters('order.created'), 'acme');
      const wanted = [...shards.filter((s) => s.filter!.shard === 1), plain];
      // Stores may leave out what `accepts` rejects, or hand it over for publish to check.
      expect(ids(found.filter((c) => filterOf(c) === undefined || filterOf(c)!.shard === 1))).toEqual(
        ids(wanted),
      );
      expect(new Set(found.map((c) => c.id)).size).toBe(found.length);
      for (const c of found) expect([c.id, c.tenant]).toEqual([c.id, 'acme']);
      for (const filter of asked) expect(filter).toMatchObject({ shard: expect.any(Number) });
    });

    it('honours the limit and finds every one of a fan-out larger than a chunk once', async () => {
      const many: Subscription[] = [];
      for (let i = 0; i < 650; i++) {
        many.push(
          fixtures.makeSubscription({
            events: i % 2 === 0 ? ['*', 'order.*'] : ['order.created'],
            ...(i % 3 === 0 ? { filter: { shard: i % 7 } } : {}),
          }),
        );
      }
      const other = fixtures.makeSubscription({ tenant: 'globex', events: ['*'] });
      for (const s of [...many, other]) await store().insertSubscription(s);
      const filters = candidateFilters('order.created');
      const found = await lookUp(store(), filters, 'acme');
      expect(ids(found)).toEqual(ids(many));
      const byId = new Map(found.map((c) => [c.id, c]));
      for (const s of many) expect([s.id, filterOf(byId.get(s.id)!)]).toEqual([s.id, s.filter]);
      const limited = await lookUp(store(), filters, 'acme', 501);
      expect(limited).toHaveLength(501);
      expect(new Set(ids(limited)).size).toBe(501);
      expect(await lookUp(store(), filters, undefined, 651)).toHaveLength(651);
      expect(await lookUp(store(), filters, undefined, 700)).toHaveLength(651);
    });
  });

  describe('the write of publish (insertFanOut)', () => {
    it('stores the event and a pending delivery per column entry, once per id and tenant', async () => {
      const acme = fixtures.makeSubscription({ tenant: 'acme' });
      const other = fixtures.makeSubscription({ tenant: 'acme' });
      const event = fixtures.makeEvent({ id: 'fan_1', tenant: 'acme' });
      const columns = columnsOf([acme, other], event.createdAt);
      expect(await insertColumns(store(), event, columns)).toEqual({ created: true, event, deliveries: 2 });
      const expected = fanOutDeliveries(event, columns);
      for (const d of expected) expect(await store().getDelivery(d.id)).toEqual(d);
      expect((await store().listDeliveries({ subscriptionId: acme.id, limit: 10 })).items).toEqual([
        expected[0],
      ]);
      const jobs = await store().loadJobs(columns.ids);
      expect(jobs.map((job) => [job.delivery.id, job.event.id, job.event.data]).sort()).toEqual(
        columns.ids.map((id) => [id, 'fan_1', event.data]).sort(),
      );

      const again = await insertColumns(
        store(),
        { ...event, data: 'other' },
        columnsOf([acme], event.createdAt),
      );
      expect(again).toEqual({ created: false, event, deliveries: 2 });
      expect((await store().listDeliveries({ subscriptionId: acme.id, limit: 10 })).items).toHaveLength(1);
      const elsewhere = fixtures.makeEvent({ id: 'fan_1', tenant: 'globex' });
      expect((await insertColumns(store(), elsewhere, columnsOf([acme], T0))).created).toBe(true);
    });

    it('stores every delivery of a fan-out larger than a chunk, all due', async () => {
      const subscriptions = Array.from({ length: 1100 }, () => fixtures.makeSubscription());
      const event = fixtures.makeEvent({ tenant: 'acme' });
      const columns = columnsOf(subscriptions, event.createdAt);
      expect(await insertColumns(store(), event, columns)).toMatchObject({ created: true, deliveries: 1100 });
      const due = await store().listDueDeliveries(event.createdAt, 2000);
      expect(due.map((d) => d.id).sort()).toEqual([...columns.ids].sort());
      const last = subscriptions[subscriptions.length - 1]!;
      expect((await store().listDeliveries({ subscriptionId: last.id, limit: 10 })).items).toEqual([
        fanOutDeliveries(event, columns, 1099)[0],
      ]);
      const again = await insertColumns(
        store(),
        event,
        columnsOf(subscriptions.slice(0, 600), event.createdAt),
      );
      expect(again).toMatchObject({ created: false, deliveries: 1100 });
    });
  });
}
