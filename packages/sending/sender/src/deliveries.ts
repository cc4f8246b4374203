import { invalid, SenderError } from './errors.js';
import type { QueueMode } from './queue-mode.js';
import { DEFAULT_TENANT, type Scope, withinScope } from './scope.js';
import type { RequeueSelector, SenderStore } from './store.js';
import type { Subscriptions } from './subscriptions.js';
import type { Delivery, DeliveryAttempt, Page } from './types.js';
import type { DeliveryWorker } from './worker.js';

export interface DeliveriesContext {
  store: SenderStore;
  mode: QueueMode;
  worker: DeliveryWorker;
  subscriptions: Subscriptions;
  now: () => number;
}

/** The delivery log, attempting deliveries again, and handing new ones to the queue and the worker. */
export class Deliveries {
  constructor(private readonly ctx: DeliveriesContext) {}

  async get(id: string, scope: Scope = {}): Promise<Delivery> {
    return withinScope(await this.ctx.store.getDelivery(id), scope, `No delivery ${id}.`);
  }

  async listAttempts(deliveryId: string, scope: Scope = {}): Promise<DeliveryAttempt[]> {
    await this.get(deliveryId, scope);
    return this.ctx.store.listAttempts(deliveryId);
  }

  /** A subscription's deliveries, newest first. */
  async list(
    subscriptionId: string,
    query: Scope & { limit?: number; cursor?: string; status?: Delivery['status'] } = {},
  ): Promise<Page<Delivery>> {
    await this.ctx.subscriptions.get(subscriptionId, query);
    return this.ctx.store.listDeliveries({
      subscriptionId,
      limit: query.limit ?? 100,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
    });
  }

  /** Attempts one delivery again now (whatever its state, unless it is in flight: `conflict`). */
  async retry(id: string, scope: Scope = {}): Promise<Delivery> {
    await this.get(id, scope);
    const [delivery] = await this.requeue({ deliveryId: id });
    if (!delivery)
      throw new SenderError('conflict', `Delivery ${id} is being attempted right now; try again shortly.`);
    return delivery;
  }

  /** Attempts again every failed delivery of a subscription created since `since` (ms). */
  async recoverFailed(subscriptionId: string, since: number, scope: Scope = {}): Promise<number> {
    await this.ctx.subscriptions.get(subscriptionId, scope);
    return (await this.requeue({ subscriptionId, status: 'failed', since })).length;
  }

  /**
   * Sends an event again to every subscription it went to (or only `subscriptionId`). Event ids are
   * per tenant: the event is the scope's tenant's (without a scope, the named subscription's
   * tenant's, else the default tenant's), else the broadcast with that id.
   */
  async redeliverEvent(eventId: string, options: Scope & { subscriptionId?: string } = {}): Promise<number> {
    const { store } = this.ctx;
    const { subscriptionId } = options;
    const subscription =
      subscriptionId === undefined ? undefined : await this.ctx.subscriptions.get(subscriptionId, options);
    const tenant = options.tenant ?? subscription?.tenant ?? DEFAULT_TENANT;
    const event = (await store.getEvent(eventId, tenant)) ?? (await store.getEvent(eventId));
    if (!event) throw new SenderError('not_found', `No event ${eventId}.`);
    if (subscription === undefined && options.tenant !== undefined && event.tenant === undefined) {
      throw invalid(
        'subscriptionId',
        'This event went to several tenants: name the subscription to redeliver to.',
      );
    }
    return (
      await this.requeue({
        eventId,
        ...(event.tenant !== undefined ? { eventTenant: event.tenant } : {}),
        ...(subscriptionId !== undefined ? { subscriptionId } : {}),
      })
    ).length;
  }

  /** Gives new (`created`: just stored by a publish) or requeued deliveries to the queue and wakes the worker. */
  async handOut(deliveries: readonly Delivery[], created = false): Promise<void> {
    if (deliveries.length === 0) return;
    await this.ctx.mode.schedule(deliveries, created);
    this.ctx.worker.wake();
  }

  private async requeue(selector: RequeueSelector): Promise<Delivery[]> {
    const deliveries = await this.ctx.store.requeueDeliveries(selector, this.ctx.now());
    await this.handOut(deliveries);
    return deliveries;
  }
}
