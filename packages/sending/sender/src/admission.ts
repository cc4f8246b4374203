import { WebhookConfigError } from '@hookwire/core';
import { burstOf } from './rate-limit.js';
import type { DeliveryJob, DeliveryLease, RateLimiter, SenderStore, TokenRequest } from './store.js';
import type { Delivery } from './types.js';

export interface Leased {
  job: DeliveryJob;
  lease: DeliveryLease;
}

export interface Deferred extends Leased {
  /** When to look at it again (released without an attempt). */
  runAt: number;
}

/** How often a delivery waiting behind the head of its ordered subscription looks again. */
export const ORDERED_RECHECK_MS = 1_000;

/**
 * Decides which leased deliveries may be attempted now. An `ordered` subscription's delivery waits
 * unless it is the oldest pending one of its subscription (the head of the line); a rate-limited
 * subscription's delivery waits for a token. Both checks are one round trip per batch each, and a
 * delivery that waits is released without an attempt (it burns no retry).
 */
export class Admission {
  constructor(
    private readonly store: SenderStore,
    private readonly limiter: RateLimiter,
  ) {}

  async admit(items: readonly Leased[], now: number): Promise<{ admitted: Leased[]; deferred: Deferred[] }> {
    const deferred: Deferred[] = [];
    // Finished deliveries and those of deleted or disabled subscriptions go straight through:
    // the attempt closes them without a request.
    const gated = (item: Leased) =>
      item.job.delivery.status === 'pending' && item.job.subscription?.disabled === false;
    let admitted = await this.inOrder(items, gated, now, deferred);
    admitted = await this.withinRate(admitted, gated, now, deferred);
    return { admitted, deferred };
  }

  private async inOrder(
    items: readonly Leased[],
    gated: (item: Leased) => boolean,
    now: number,
    deferred: Deferred[],
  ): Promise<Leased[]> {
    const ordered = new Set(
      items.filter((i) => gated(i) && i.job.subscription!.ordered).map((i) => i.job.delivery.subscriptionId),
    );
    if (ordered.size === 0) return [...items];
    if (!this.store.firstPendingDeliveries) {
      throw new WebhookConfigError(
        'This store cannot keep ordered subscriptions in order (it lacks firstPendingDeliveries); upgrade it or clear `ordered`.',
      );
    }
    const heads = new Map<string, Delivery>(
      (await this.store.firstPendingDeliveries([...ordered])).map((d) => [d.subscriptionId, d]),
    );
    return items.filter((item) => {
      const { delivery } = item.job;
      if (!gated(item) || !ordered.has(delivery.subscriptionId)) return true;
      const head = heads.get(delivery.subscriptionId);
      if (!head || head.id === delivery.id) return true;
      // Behind the head: look again when the head's retry is due, or shortly while it is in flight.
      const headDue = head.leaseToken === undefined ? head.nextAttemptAt : 0;
      deferred.push({ ...item, runAt: Math.max(now + ORDERED_RECHECK_MS, headDue) });
      return false;
    });
  }

  private async withinRate(
    items: Leased[],
    gated: (item: Leased) => boolean,
    now: number,
    deferred: Deferred[],
  ): Promise<Leased[]> {
    const groups = new Map<string, Leased[]>();
    for (const item of items) {
      if (!gated(item) || item.job.subscription!.rateLimit === undefined) continue;
      const group = groups.get(item.job.delivery.subscriptionId);
      if (group) group.push(item);
      else groups.set(item.job.delivery.subscriptionId, [item]);
    }
    if (groups.size === 0) return items;
    const requests: TokenRequest[] = [...groups].map(([key, group]) => {
      const perSecond = group[0]!.job.subscription!.rateLimit!;
      return { key, perSecond, burst: burstOf(perSecond), count: group.length };
    });
    const grants = await this.limiter.takeTokens(requests, now);
    const waiting = new Set<Leased>();
    requests.forEach((request, i) => {
      const grant = grants[i] ?? { granted: 0, retryInMs: 1000 / request.perSecond };
      const group = groups.get(request.key)!;
      const interval = 1000 / request.perSecond;
      group.slice(grant.granted).forEach((item, k) => {
        waiting.add(item);
        // Spread the waiting ones over the coming tokens rather than waking them all at once.
        deferred.push({ ...item, runAt: now + grant.retryInMs + k * interval });
      });
    });
    return items.filter((item) => !waiting.has(item));
  }
}
