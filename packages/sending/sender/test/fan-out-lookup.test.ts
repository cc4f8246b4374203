import {
  createSender,
  FilterCache,
  MemoryStore,
  type Subscription,
  type SubscriptionCandidate,
} from '@hookwire/sender';
import { describe, expect, it } from 'vitest';

const NOW = 1_750_000_000_000;

describe('FilterCache.storedMatcher', () => {
  it('compiles each distinct stored text once', () => {
    const cache = new FilterCache();
    const text = JSON.stringify({ total: { $gte: 100 } });
    const first = cache.storedMatcher(text);
    expect(cache.storedMatcher(`${text}`)).toBe(first);
    expect(cache.storedMatcher(JSON.stringify({ total: { $gte: 101 } }))).not.toBe(first);
    expect([first({ total: 100 }), first({ total: 99 })]).toEqual([true, false]);
    const object = { currency: 'EUR' };
    expect(cache.storedMatcher(object)).toBe(cache.storedMatcher(object));
  });

  it('lets a stored filter that no longer compiles match nothing, without throwing', () => {
    const cache = new FilterCache();
    for (const bad of ['{not json', JSON.stringify({ total: { $regex: '.*' } }), 'null']) {
      const matcher = cache.storedMatcher(bad);
      expect([bad, matcher({ total: 1 }), matcher(null)]).toEqual([bad, false, false]);
      expect(cache.storedMatcher(bad)).toBe(matcher);
    }
    expect(cache.storedMatcher({ total: { $regex: '.*' } })({ total: 1 })).toBe(false);
  });
});

/** A store whose lean look-up hands filters over as JSON text, as the SQL stores do. */
class TextFilterStore extends MemoryStore {
  readonly asked: string[][] = [];

  override async findCandidates(
    filters: readonly string[],
    tenant?: string,
    limit?: number,
  ): Promise<SubscriptionCandidate[]> {
    this.asked.push([...filters]);
    const found = await super.findSubscriptions(filters, tenant, limit);
    return found.map((s) => ({
      id: s.id,
      tenant: s.tenant,
      filter: s.filter === undefined ? null : JSON.stringify(s.filter),
    }));
  }

  override async findSubscriptions(): Promise<Subscription[]> {
    throw new Error('publish should use findCandidates');
  }
}

describe('publish through the lean look-up', () => {
  it('matches payload filters handed over as text, and stores a delivery per match with its tenant', async () => {
    const store = new TextFilterStore();
    const sender = createSender({ store, allowPrivateNetwork: true, now: () => NOW });
    const big = await sender.createSubscription(
      { url: 'https://a.example/h', events: ['order.*'], filter: { total: { $gte: 100 } } },
      { tenant: 'acme' },
    );
    const all = await sender.createSubscription(
      { url: 'https://b.example/h', events: ['*'] },
      { tenant: 'acme' },
    );
    await sender.createSubscription({ url: 'https://c.example/h', events: ['*'] }, { tenant: 'globex' });
    const first = await sender.publish({ type: 'order.created', data: { total: 150 }, tenant: 'acme' });
    const second = await sender.publish({ type: 'order.created', data: { total: 50 }, tenant: 'acme' });
    expect([first.deliveries, second.deliveries]).toEqual([2, 1]);
    expect(store.asked[0]).toEqual(['*', 'order.created', 'order.*']);
    const ofBig = await store.listDeliveries({ subscriptionId: big.id, limit: 10 });
    expect(ofBig.items.map((d) => [d.eventId, d.tenant, d.subscriptionId])).toEqual([
      [first.id, 'acme', big.id],
    ]);
    const ofAll = await store.listDeliveries({ subscriptionId: all.id, limit: 10 });
    expect(ofAll.items.map((d) => d.eventId).sort()).toEqual([first.id, second.id].sort());
  });

  it('falls back to findSubscriptions for a store without the lean look-up', async () => {
    const store = new MemoryStore();
    Object.defineProperty(store, 'findCandidates', { value: undefined });
    const sender = createSender({ store, allowPrivateNetwork: true, now: () => NOW });
    await sender.createSubscription({ url: 'https://a.example/h', events: ['order.*'], filter: { n: 1 } });
    await sender.createSubscription({ url: 'https://b.example/h', events: ['order.created'] });
    expect((await sender.publish({ type: 'order.created', data: { n: 1 } })).deliveries).toBe(2);
    expect((await sender.publish({ type: 'order.created', data: { n: 2 } })).deliveries).toBe(1);
  });

  it('refuses a fan-out over the limit through the lean look-up, storing nothing', async () => {
    const store = new TextFilterStore();
    const sender = createSender({ store, allowPrivateNetwork: true, now: () => NOW, maxFanOutPerEvent: 2 });
    for (const url of ['https://a.example/h', 'https://b.example/h', 'https://c.example/h'])
      await sender.createSubscription({ url, events: ['*'] });
    await expect(sender.publish({ type: 'a.b', id: 'too_many' })).rejects.toMatchObject({
      limit: 'maxFanOutPerEvent',
    });
    expect(await store.getEvent('too_many', 'default')).toBeUndefined();
  });
});
