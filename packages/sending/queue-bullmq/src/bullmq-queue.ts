import { randomBytes } from 'node:crypto';
import { WebhookConfigError } from '@hookwire/core';
import type {
  ClaimOptions,
  DeliveryLease,
  DeliveryQueue,
  QueueDepth,
  SenderStore,
  TokenGrant,
  TokenRequest,
} from '@hookwire/sender';
import { type ConnectionOptions, Job, Queue, Worker } from 'bullmq';
import { toConnection } from './connection.js';
import { type ScriptClient, SubscriptionLimiter, withScripts } from './limiter.js';

export interface BullmqQueueOptions {
  /** `redis://host:6379` (or `rediss://`), ioredis options, or an ioredis instance. */
  connection: string | ConnectionOptions;
  /** Prefix of every Redis key (default `hookwire`); one per deployment, or per test run. */
  prefix?: string;
  /** BullMQ queue name (default `deliveries`). */
  name?: string;
  /**
   * Attempts in flight at once per subscription across every worker process (default 10); `0`
   * turns the bound off. The sender's own `perSubscriptionConcurrency` bounds each process.
   */
  perSubscriptionConcurrency?: number;
  /** How often workers look for jobs whose worker died (BullMQ `stalledInterval`, default 30 s). */
  stalledIntervalMs?: number;
  /** How long a claim waits in Redis for a job when the queue is empty (default 1000 ms). */
  blockMs?: number;
  /**
   * Finds the subscription of a delivery scheduled without one (the sender's sweeper), so that
   * the per-subscription bound covers it too. Pass the sender's store.
   */
  store?: Pick<SenderStore, 'getDelivery'>;
  /** Errors the queue handles itself (Redis reconnections, a job that could not be handed back). */
  onError?: (error: unknown) => void;
}

interface DeliveryJobData {
  /** The subscription, for the per-subscription bound. */
  s?: string;
}

interface Held {
  job: Job<DeliveryJobData>;
  subscriptionId: string | undefined;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
}

// The job is no longer ours (its lock expired and another worker took it, or Redis lost it):
// nothing to settle. The store already holds the outcome.
const GONE = /missing (key|lock)|lock mismatch|not in the active state|job not in active set/i;

let tokens = 0;
const tokenPrefix = randomBytes(6).toString('base64url');

/**
 * A `DeliveryQueue` on BullMQ: one job per delivery, with the delivery id as job id, so
 * scheduling a delivery twice never makes two jobs. The sender's store stays the source of truth:
 * a job only says "this delivery is due"; attempts, outcomes and the retry schedule live in the
 * store, and the sender's sweeper re-schedules due deliveries whose job went missing.
 *
 * Workers fetch jobs themselves (BullMQ's manual mode) under a lock of `leaseMs`; a worker that
 * dies leaves its jobs locked until the lock expires, then BullMQ's stalled-job check hands them
 * to another worker.
 */
export class BullmqQueue implements DeliveryQueue {
  readonly queue: Queue<DeliveryJobData>;
  readonly prefix: string;
  readonly name: string;
  private worker: Worker<DeliveryJobData> | undefined;
  private readonly connection: ConnectionOptions;
  private readonly limiter: SubscriptionLimiter | undefined;
  private readonly held = new Map<string, Held>();
  private readonly onError: (error: unknown) => void;
  private readonly stalledIntervalMs: number;
  private readonly blockMs: number;
  private readonly store: Pick<SenderStore, 'getDelivery'> | undefined;
  private readonly prefetched: { job: Job<DeliveryJobData>; token: string }[] = [];
  private releases: { subscriptionId: string; deliveryId: string; done: () => void }[] = [];
  private lastClaimFailed = false;
  private parkMs = 30_000;
  private closed = false;

  constructor(options: BullmqQueueOptions) {
    if (!options?.connection)
      throw new WebhookConfigError('createBullmqQueue: the `connection` option is required.');
    this.connection = toConnection(options.connection);
    this.prefix = options.prefix ?? 'hookwire';
    this.name = options.name ?? 'deliveries';
    this.onError = options.onError ?? ((error) => console.error('[hookwire/queue-bullmq]', error));
    this.stalledIntervalMs = options.stalledIntervalMs ?? 30_000;
    this.blockMs = options.blockMs ?? 1000;
    this.store = options.store;
    this.queue = new Queue<DeliveryJobData>(this.name, {
      connection: this.connection,
      prefix: this.prefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
      streams: { events: { maxLen: 1000 } },
    });
    this.queue.on('error', (error) => this.onError(error));
    const limit = options.perSubscriptionConcurrency ?? 10;
    if (!Number.isInteger(limit) || limit < 0) {
      throw new WebhookConfigError(
        'createBullmqQueue: `perSubscriptionConcurrency` must be a whole number ≥ 0.',
      );
    }
    if (limit > 0) {
      this.limiter = new SubscriptionLimiter(
        () => this.scriptClient(),
        `${this.prefix}:${this.name}:hookwire:`,
        limit,
      );
    }
  }

  private async scriptClient(): Promise<ScriptClient> {
    return withScripts((await this.queue.client) as unknown as ScriptClient);
  }

  // ----- producing -----

  async schedule(
    items: readonly { deliveryId: string; runAt: number; subscriptionId?: string; created?: boolean }[],
  ): Promise<void> {
    if (items.length === 0) return;
    // A delivery just created by a publish has no job yet: no need to look (a Redis call saved).
    const known = items.filter((item) => !item.created);
    let found: boolean[] = [];
    if (known.length > 0) {
      const pipeline = (await this.scriptClient()).pipeline();
      for (const item of known) pipeline.runCommand('hookwireExists', [this.queue.toKey(item.deliveryId)]);
      found = ((await pipeline.exec()) ?? []).map(([error, count]) => !error && count === 1);
    }
    let k = 0;
    const exists = items.map((item) => (item.created ? false : (found[k++] ?? false)));
    const now = Date.now();
    const fresh = items.filter((_, i) => !exists[i]);
    if (fresh.length > 0) {
      await this.queue.addBulk(
        fresh.map((item) => ({
          name: 'deliver',
          data: item.subscriptionId === undefined ? {} : { s: item.subscriptionId },
          opts: { jobId: item.deliveryId, delay: Math.max(0, item.runAt - now) },
        })),
      );
    }
    for (const [i, item] of items.entries()) if (exists[i]) await this.reschedule(item, now);
  }

  /** The delivery has a job already: make it due now when asked (a requeue), else leave it. */
  private async reschedule(
    item: { deliveryId: string; runAt: number; subscriptionId?: string },
    now: number,
  ) {
    const job = await Job.fromId<DeliveryJobData>(this.queue, item.deliveryId);
    const state = job ? await job.getState() : 'unknown';
    if (state === 'delayed' && item.runAt <= now) {
      await job!.promote().catch(() => {}); // became due or was taken meanwhile: fine either way
    } else if (state === 'completed' || state === 'failed' || state === 'unknown') {
      await job?.remove().catch(() => {});
      await this.queue.add('deliver', item.subscriptionId === undefined ? {} : { s: item.subscriptionId }, {
        jobId: item.deliveryId,
        delay: Math.max(0, item.runAt - now),
      });
    }
  }

  // ----- consuming -----

  private workerFor(leaseMs: number): Worker<DeliveryJobData> {
    if (this.worker) return this.worker;
    this.parkMs = leaseMs;
    const worker = new Worker<DeliveryJobData>(this.name, null, {
      connection: this.connection,
      prefix: this.prefix,
      autorun: false,
      // The lock is the lease: a worker that neither settles nor releases within leaseMs is
      // presumed dead, and the stalled-job check gives its jobs to another worker.
      lockDuration: leaseMs,
      stalledInterval: this.stalledIntervalMs,
      // The store counts attempts; a job that stalled many times is still a due delivery.
      maxStalledCount: 1_000_000,
      drainDelay: this.blockMs / 1000,
    });
    worker.on('error', (error) => this.onError(error));
    void worker.startStalledCheckTimer().catch((error) => this.onError(error));
    this.worker = worker;
    return worker;
  }

  async claim(options: ClaimOptions): Promise<DeliveryLease[]> {
    if (this.closed) return [];
    const worker = this.workerFor(options.leaseMs);
    // Jobs that settles fetched along with completing theirs (one script call for both) go first.
    const fetched = this.prefetched.splice(0, options.limit);
    let failure: unknown;
    try {
      // Wait in Redis for the first job only; then take what is ready, up to the limit.
      while (fetched.length < options.limit) {
        const token = `${tokenPrefix}.${(++tokens).toString(36)}`;
        const job = (await worker.getNextJob(token, { block: fetched.length === 0 })) as
          | Job<DeliveryJobData>
          | undefined;
        if (!job?.id) break;
        fetched.push({ job, token });
      }
      this.lastClaimFailed = false;
    } catch (error) {
      this.lastClaimFailed = true;
      if (fetched.length === 0) throw error;
      failure = error;
    }
    // The jobs fetched are active under our tokens: admit (or park) them even after an error.
    const leases = await this.admit(fetched, options);
    if (failure !== undefined) this.onError(failure);
    return leases;
  }

  /**
   * Takes fetched jobs under the per-subscription bound, asking Redis for every slot of the batch
   * in one call; a job refused a slot is parked until one frees.
   */
  private async admit(
    fetched: readonly { job: Job<DeliveryJobData>; token: string }[],
    options: ClaimOptions,
  ): Promise<DeliveryLease[]> {
    const leases: DeliveryLease[] = [];
    const bounded: {
      job: Job<DeliveryJobData>;
      token: string;
      subscriptionId: string;
      deliveryId: string;
    }[] = [];
    for (const { job, token } of fetched) {
      const deliveryId = job.id!;
      const subscriptionId = job.data?.s ?? (await this.subscriptionOf(deliveryId));
      if (!this.limiter || subscriptionId === undefined) {
        this.held.set(token, { job, subscriptionId: undefined });
        leases.push({ deliveryId, token });
      } else if (options.skipSubscriptions?.has(subscriptionId) === true) {
        await this.park(job, token, subscriptionId, false);
      } else {
        bounded.push({ job, token, subscriptionId, deliveryId });
      }
    }
    if (bounded.length === 0 || !this.limiter) return leases;
    const granted = await this.limiter.acquireMany(bounded, options.leaseMs);
    for (const [i, { job, token, subscriptionId, deliveryId }] of bounded.entries()) {
      if (granted[i]) {
        this.held.set(token, { job, subscriptionId });
        leases.push({ deliveryId, token });
      } else {
        await this.park(job, token, subscriptionId, true);
      }
    }
    return leases;
  }

  /** Delays a job refused a slot; a slot's release promotes it (the delay is only the backstop). */
  private async park(job: Job<DeliveryJobData>, token: string, subscriptionId: string, check: boolean) {
    await job.moveToDelayed(Date.now() + this.parkMs, token);
    const next = await this.limiter!.park(subscriptionId, job.id!, this.parkMs, check);
    if (next) await this.promoteJob(next);
  }

  private async subscriptionOf(deliveryId: string): Promise<string | undefined> {
    if (!this.store) return undefined;
    return (await this.store.getDelivery(deliveryId))?.subscriptionId;
  }

  async release(lease: DeliveryLease, runAt: number): Promise<void> {
    await this.finish(lease, (job) => job.moveToDelayed(runAt, lease.token));
  }

  async settle(lease: DeliveryLease, nextRunAt?: number): Promise<void> {
    await this.finish(lease, async (job) => {
      if (nextRunAt !== undefined) return job.moveToDelayed(nextRunAt, lease.token);
      // Completing also fetches the next due job under the same token when there is one (BullMQ's
      // fetchNext): the next claim takes it without another call.
      const next = await job.moveToCompleted(null, lease.token, !this.closed && this.worker !== undefined);
      if (Array.isArray(next) && next[0]) await this.keepPrefetched(next, lease.token);
    });
  }

  private async keepPrefetched(raw: unknown[], token: string): Promise<void> {
    const worker = this.worker as unknown as {
      nextJobFromJobData(
        data: unknown,
        id: unknown,
        token: string,
      ): Promise<Job<DeliveryJobData> | undefined>;
    };
    const job = await worker.nextJobFromJobData(raw[0], raw[1], token);
    if (!job?.id) return;
    if (this.closed) await this.handBack(token, job);
    else this.prefetched.push({ job, token });
  }

  /** Due again at once, for another worker. */
  private async handBack(token: string, job: Job<DeliveryJobData>): Promise<void> {
    try {
      await job.moveToWait(token);
    } catch (error) {
      if (!GONE.test(String((error as Error)?.message))) this.onError(error);
    }
  }

  private async finish(lease: DeliveryLease, move: (job: Job<DeliveryJobData>) => Promise<unknown>) {
    const held = this.held.get(lease.token);
    this.held.delete(lease.token);
    try {
      const job = held?.job ?? (await Job.fromId<DeliveryJobData>(this.queue, lease.deliveryId));
      if (job) await move(job);
    } catch (error) {
      if (!GONE.test(String((error as Error)?.message))) throw error;
    } finally {
      if (held?.subscriptionId !== undefined) await this.freeSlot(held.subscriptionId, lease.deliveryId);
    }
  }

  /** Frees a slot; the releases of one tick go to Redis together, in one call. */
  private freeSlot(subscriptionId: string, deliveryId: string): Promise<void> {
    return new Promise((resolve) => {
      this.releases.push({ subscriptionId, deliveryId, done: resolve });
      if (this.releases.length === 1) setImmediate(() => void this.releaseSlots());
    });
  }

  private async releaseSlots(): Promise<void> {
    const batch = this.releases;
    this.releases = [];
    try {
      const next = (await this.limiter?.releaseMany(batch)) ?? [];
      await Promise.all(next.map((deliveryId) => this.promoteJob(deliveryId)));
    } catch (error) {
      this.onError(error);
    } finally {
      for (const release of batch) release.done();
    }
  }

  private async promoteJob(deliveryId: string): Promise<void> {
    const job = await Job.fromId(this.queue, deliveryId);
    // Not delayed any more (its backstop delay passed, or it was requeued): nothing to do.
    await job?.promote().catch(() => {});
  }

  /**
   * Claims wait in Redis (`blockMs`) for the next job, so the worker should ask again at once;
   * after a failed claim (Redis down) it waits its poll interval instead.
   */
  async nextDueIn(): Promise<number | undefined> {
    return this.lastClaimFailed ? undefined : 1;
  }

  /**
   * Rate-limit buckets in Redis, one key per subscription, shared by every worker: one pipelined
   * round trip for the whole batch (a script per bucket, so each key may live on its own shard).
   */
  async takeTokens(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]> {
    if (requests.length === 0) return [];
    const pipeline = (await this.scriptClient()).pipeline();
    for (const request of requests) {
      const interval = 1000 / request.perSecond;
      const tolerance = (Math.max(1, request.burst) - 1) * interval;
      pipeline.runCommand('hookwireTakeTokens', [
        `${this.prefix}:${this.name}:hookwire:rate:${request.key}`,
        now,
        interval,
        tolerance,
        request.count,
      ]);
    }
    const answers = (await pipeline.exec()) ?? [];
    return requests.map((_request, i) => {
      const [error, reply] = answers[i] ?? [new Error('no answer')];
      if (error) throw error;
      const [granted, retryInMs] = reply as [number, number];
      return { granted: Number(granted), retryInMs: Number(retryInMs) };
    });
  }

  /** The next delivery of an ordered subscription: its delayed job becomes due now. */
  async promote(deliveryId: string): Promise<void> {
    await this.promoteJob(deliveryId);
  }

  /** Jobs due now (waiting) and scheduled for later (delayed), for the queue-depth metric. */
  async depth(): Promise<QueueDepth> {
    const counts = await this.counts();
    return { due: counts.waiting, scheduled: counts.delayed };
  }

  /** Queue depth for monitoring: jobs due now, waiting for their time, and being attempted. */
  async counts(): Promise<QueueCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
    };
  }

  /**
   * Hands back the jobs this process still holds (due again at once, for another worker), then
   * closes the Redis connections. The sender calls it from `close()` after its attempts finished.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const held = [...this.held.entries()];
    this.held.clear();
    const prefetched = this.prefetched.splice(0);
    await Promise.all(prefetched.map(({ job, token }) => this.handBack(token, job)));
    await Promise.all(
      held.map(async ([token, { job, subscriptionId }]) => {
        try {
          await job.moveToWait(token);
        } catch (error) {
          if (!GONE.test(String((error as Error)?.message))) this.onError(error);
        }
        if (subscriptionId !== undefined) await this.freeSlot(subscriptionId, job.id!);
      }),
    );
    await this.worker?.close();
    await this.queue.close();
  }
}

export function createBullmqQueue(options: BullmqQueueOptions): BullmqQueue {
  return new BullmqQueue(options);
}
