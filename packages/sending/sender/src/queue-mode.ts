import { WebhookConfigError } from '@hookwire/core';
import type { DeliveryLease, DeliveryQueue, SenderStore } from './store.js';
import type { Delivery } from './types.js';

/**
 * How deliveries reach workers, chosen once by `createSender`:
 *
 * - the store is the queue (`store.queue`, no `queue` option): `insertEvent` and
 *   `requeueDeliveries` already queue what they write, and leases live in delivery rows, so
 *   `recordAttempts` checks the lease token;
 * - an external queue (BullMQ): new and requeued deliveries are scheduled on it, a sweeper feeds it
 *   overdue ones again after a crash, and it is closed apart from the store.
 */
export class QueueMode {
  private constructor(
    readonly queue: DeliveryQueue,
    /** True when the store itself hands out its deliveries. */
    readonly storeIsQueue: boolean,
  ) {}

  static resolve(store: SenderStore, queue: DeliveryQueue | undefined): QueueMode {
    if (queue !== undefined && queue !== store.queue) return new QueueMode(queue, false);
    if (store.queue) return new QueueMode(store.queue, true);
    throw new WebhookConfigError(
      'createSender: this store is not a delivery queue; pass `queue` (for example a BullMQ queue).',
    );
  }

  /** Hands new or requeued deliveries to an external queue (a store that is the queue has them). */
  async schedule(deliveries: readonly Delivery[], created = false): Promise<void> {
    if (this.storeIsQueue || deliveries.length === 0) return;
    await this.queue.schedule(
      deliveries.map((d) => ({
        deliveryId: d.id,
        runAt: d.nextAttemptAt,
        subscriptionId: d.subscriptionId,
        ...(created ? { created } : {}),
      })),
    );
  }

  /**
   * Makes a pending delivery due now: the queue's own `promote` when it has one, else (an
   * external queue without it) a schedule at `now`, which such a queue treats as a requeue.
   */
  async promote(delivery: Delivery, now: number): Promise<void> {
    if (this.queue.promote) await this.queue.promote(delivery.id, now);
    else if (!this.storeIsQueue)
      await this.queue.schedule([
        { deliveryId: delivery.id, runAt: now, subscriptionId: delivery.subscriptionId },
      ]);
  }

  /** What `recordAttempts` checks the lease with: only a store that holds the leases can. */
  leaseToken(lease: DeliveryLease): { leaseToken?: string } {
    return this.storeIsQueue ? { leaseToken: lease.token } : {};
  }

  /** Closes an external queue (a store that is the queue is closed as the store). */
  async close(): Promise<void> {
    if (!this.storeIsQueue) await this.queue.close?.();
  }
}
