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
import { type ConnectionOptions, Queue, Worker } from 'bullmq';
import { toConnection } from './connection.js';
import { ReadAheadBuffer } from './read-ahead.js';
import { type ScriptClient, withScripts } from './redis-scripts.js';
import { TickBatch } from './tick-batch.js';

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
   * Finds the subscription of a delivery scheduled without one, so that the per-subscription
   * bound covers it too. Pass the sender's store.
   */
  store?: Pick<SenderStore, 'getDelivery'>;
  /**
   * Whether a settle also claims, in the same Redis call, one job per lease it ends for the next
   * `claim` (default true): a busy worker then needs one round trip per batch instead of two.
   * Buffered leases count against the per-subscription bound like claimed ones; a lease nobody
   * claims within a quarter of its lease time is handed back.
   */
  readAhead?: boolean;
  /** Errors the queue handles itself (Redis reconnections, a job that could not be handed back). */
  onError?: (error: unknown) => void;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
}

interface ScheduleItem {
  deliveryId: string;
  runAt: number;
  subscriptionId?: string;
  /** Just stored by a publish: no job can exist for it yet. */
  created: boolean;
}

/** `c` completed, `d` due later, `n` due now, `f` handed back (front of the line), `p` promote. */
type SettleOp = 'c' | 'd' | 'n' | 'f' | 'p';

interface SettleItem {
  deliveryId: string;
  token: string;
  op: SettleOp;
  runAt: number;
  subscriptionId: string;
  /** The worker's slot frees with it (a settle): the read-ahead may claim one job for it. */
  frees?: boolean;
}

/** What the last claim asked for: the read-ahead claims the same way. */
interface ClaimShape {
  leaseMs: number;
  skip: ReadonlySet<string> | undefined;
  /** The largest limit asked for: the read-ahead never holds more. */
  most: number;
}
/** The low 12 bits of a delayed job's score order the jobs of one millisecond (BullMQ's layout). */
const delayedScore = (at: number) => String(Math.max(0, Math.floor(at)) * 4096);

let claims = 0;
const tokenPrefix = randomBytes(6).toString('base64url');
/** A claim's token; each job's lock holds it followed by the job's id. */
const nextToken = () => `${tokenPrefix}.${(++claims).toString(36)}.`;
/** The share of a lease's time a read-ahead lease may wait for a claim before it is handed back. */
const READ_AHEAD_SHARE = 0.25;

/**
 * A `DeliveryQueue` on BullMQ's Redis layout: one job per delivery, with the delivery id as job
 * id, so scheduling a delivery twice never makes two jobs. The sender's store stays the source of
 * truth: a job only says "this delivery is due"; attempts, outcomes and the retry schedule live in
 * the store, and the sender's sweeper re-schedules due deliveries whose job went missing.
 *
 * The hot path is three batch scripts (`scripts.ts`): the schedules of one tick, a claim (with the
 * per-subscription slots, refused jobs parked inside it), and the settles and releases of one tick
 * are one Redis call each. A settle also claims one job per lease it ends (the read-ahead) into a
 * buffer the next `claim` takes from, so a busy worker's batch costs one round trip, not two; a
 * skipped subscription's buffered lease waits there, and what waits a quarter of its lease time, or
 * is still there at `close`, is handed back. A claimed job is held under a lock of `leaseMs`; a
 * worker that dies leaves its jobs locked until the lock expires, then BullMQ's stalled-job check
 * (run by every worker's BullMQ `Worker`) gives them to another worker.
 */
export class BullmqQueue implements DeliveryQueue {
  readonly queue: Queue;
  readonly prefix: string;
  readonly name: string;
  private worker: Worker | undefined;
  private readonly connection: ConnectionOptions;
  private readonly slotLimit: number;
  /** Leases this process holds: token → delivery and subscription ('' for none). */
  private readonly held = new Map<string, { deliveryId: string; subscriptionId: string }>();
  private readonly onError: (error: unknown) => void;
  private readonly stalledIntervalMs: number;
  private readonly blockMs: number;
  private readonly store: Pick<SenderStore, 'getDelivery'> | undefined;
  private readonly schedules = new TickBatch<ScheduleItem, undefined>((items) => this.runSchedule(items));
  private readonly settles = new TickBatch<SettleItem, boolean>((items) => this.runSettle(items));
  private readonly keys: Record<'wait' | 'paused' | 'meta' | 'delayed' | 'marker' | 'active', string>;
  private readonly jobPrefix: string;
  private readonly slotPrefix: string;
  private claiming: Promise<unknown> | undefined;
  private workerReady: Promise<void> | undefined;
  private lastClaimFailed = false;
  private parkMs = 30_000;
  private closed = false;
  private readonly readAheadOn: boolean;
  private readonly readAhead = new ReadAheadBuffer();
  private shape: ClaimShape | undefined;
  private readAheadTimer: NodeJS.Timeout | undefined;
  /** A BZPOPMIN on the marker still waiting in Redis: the next wait takes it over. */
  private blocking: Promise<[string, string, string] | null> | undefined;

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
    if (options.readAhead !== undefined && typeof options.readAhead !== 'boolean') {
      throw new WebhookConfigError(
        `createBullmqQueue: \`readAhead\` must be true or false (got ${typeof options.readAhead}).`,
      );
    }
    this.readAheadOn = options.readAhead ?? true;
    this.queue = new Queue(this.name, {
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
    this.slotLimit = limit;
    this.jobPrefix = this.queue.toKey('');
    this.slotPrefix = `${this.jobPrefix}hookwire:`;
    this.keys = {
      wait: this.queue.toKey('wait'),
      paused: this.queue.toKey('paused'),
      meta: this.queue.toKey('meta'),
      delayed: this.queue.toKey('delayed'),
      marker: this.queue.toKey('marker'),
      active: this.queue.toKey('active'),
    };
  }

  private async scriptClient(): Promise<ScriptClient> {
    return withScripts((await this.queue.client) as unknown as ScriptClient);
  }

  // ----- producing -----

  async schedule(
    items: readonly { deliveryId: string; runAt: number; subscriptionId?: string; created?: boolean }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await Promise.all(
      items.map(async (item) =>
        this.schedules.add({
          deliveryId: item.deliveryId,
          runAt: item.runAt,
          subscriptionId: item.subscriptionId ?? (await this.subscriptionOf(item.deliveryId)),
          created: item.created === true,
        }),
      ),
    );
  }

  private async subscriptionOf(deliveryId: string): Promise<string | undefined> {
    if (!this.store) return undefined;
    return (await this.store.getDelivery(deliveryId))?.subscriptionId;
  }

  private async runSchedule(items: ScheduleItem[]): Promise<undefined[]> {
    const { wait, paused, meta, delayed, marker } = this.keys;
    const args: (string | number)[] = [wait, paused, meta, delayed, marker, this.jobPrefix, Date.now()];
    for (const item of items) {
      const data = item.subscriptionId === undefined ? '{}' : JSON.stringify({ s: item.subscriptionId });
      args.push(
        item.deliveryId,
        Math.floor(item.runAt),
        delayedScore(item.runAt),
        data,
        item.created ? 1 : 0,
      );
    }
    await (await this.scriptClient()).runCommand('hookwireSchedule', args);
    return [];
  }

  // ----- consuming -----

  /**
   * A BullMQ `Worker` in manual mode, for its stalled-job check (jobs whose lock expired go back
   * to `wait`) and its blocking connection (an idle claim waits there for the queue's marker).
   */
  private workerFor(leaseMs: number): Worker {
    if (this.worker) return this.worker;
    this.parkMs = leaseMs;
    const worker = new Worker(this.name, null, {
      connection: this.connection,
      prefix: this.prefix,
      autorun: false,
      lockDuration: leaseMs,
      stalledInterval: this.stalledIntervalMs,
      // The store counts attempts; a job that stalled many times is still a due delivery.
      maxStalledCount: 1_000_000,
    });
    worker.on('error', (error) => this.onError(error));
    void worker.startStalledCheckTimer().catch((error) => this.onError(error));
    // Closing a worker whose connections are still starting leaves BullMQ's start-up rejected
    // with nobody to hear it: `close` waits for this first.
    this.workerReady = worker.waitUntilReady().then(
      () => {},
      (error) => this.onError(error),
    );
    this.worker = worker;
    return worker;
  }

  async claim(options: ClaimOptions): Promise<DeliveryLease[]> {
    if (this.closed || options.limit <= 0) return [];
    const worker = this.workerFor(options.leaseMs);
    this.shape = {
      leaseMs: options.leaseMs,
      skip: this.slotLimit > 0 ? options.skipSubscriptions : undefined,
      most: Math.max(this.shape?.most ?? 0, options.limit),
    };
    // What the last settles read ahead: no round trip.
    const buffered = this.readAhead.take(options.limit, options.skipSubscriptions);
    if (buffered.length > 0) return buffered;
    const claiming = this.claimOrWait(worker, options);
    this.claiming = claiming.catch(() => {});
    try {
      const leases = await claiming;
      this.lastClaimFailed = false;
      // Closed meanwhile: `close` hands back what this claim took.
      return this.closed ? [] : leases;
    } catch (error) {
      this.lastClaimFailed = true;
      throw error;
    }
  }

  /**
   * Takes what is due; with nothing due, waits in Redis (up to `blockMs`) and looks once more, or
   * takes what a settle read ahead meanwhile.
   */
  private async claimOrWait(worker: Worker, options: ClaimOptions): Promise<DeliveryLease[]> {
    const first = await this.takeJobs(options);
    if (first.leases.length > 0 || this.closed) return first.leases;
    await this.waitForWork(worker, first.nextDelayedAt);
    if (this.closed) return [];
    const buffered = this.readAhead.take(options.limit, options.skipSubscriptions);
    if (buffered.length > 0) return buffered;
    return (await this.takeJobs(options)).leases;
  }

  /** The arguments every claim starts with (`CLAIM_ARGS` in `scripts.ts`). */
  private claimArgs(
    token: string,
    limit: number,
    leaseMs: number,
    skip: ReadonlySet<string> | undefined,
    now: number,
  ) {
    const parkUntil = now + this.parkMs;
    const skipped = skip ? [...skip] : [];
    return [
      this.jobPrefix,
      this.slotPrefix,
      limit,
      now,
      leaseMs,
      token,
      this.slotLimit,
      delayedScore(parkUntil),
      parkUntil + this.parkMs,
      Math.max(limit * 4, 200),
      skipped.length,
      ...skipped,
    ];
  }

  /** Leases from a claim's answer (`{ next delayed time, then id and subscription per job }`). */
  private leasesOf(answer: readonly (string | number)[], from: number, claimToken: string): DeliveryLease[] {
    const leases: DeliveryLease[] = [];
    for (let i = from + 1; i + 1 < answer.length; i += 2) {
      const deliveryId = String(answer[i]);
      const token = claimToken + deliveryId;
      this.held.set(token, { deliveryId, subscriptionId: String(answer[i + 1]) });
      leases.push({ deliveryId, token });
    }
    return leases;
  }

  private async takeJobs(options: ClaimOptions): Promise<{ leases: DeliveryLease[]; nextDelayedAt: number }> {
    const { wait, active, delayed, marker, meta } = this.keys;
    const skip = this.slotLimit > 0 ? options.skipSubscriptions : undefined;
    const token = nextToken();
    const answer = (await (
      await this.scriptClient()
    ).runCommand('hookwireClaim', [
      wait,
      active,
      delayed,
      marker,
      meta,
      ...this.claimArgs(token, options.limit, options.leaseMs, skip, Date.now()),
    ])) as (string | number)[];
    return { leases: this.leasesOf(answer, 0, token), nextDelayedAt: Number(answer[0]) };
  }

  /**
   * Blocks on the queue's marker (BullMQ's wake-up signal) until a job waits, the next delayed job
   * is due, a settle read ahead, or `blockMs` passed.
   */
  private async waitForWork(worker: Worker, nextDelayedAt: number): Promise<void> {
    let deadline = Date.now() + this.blockMs;
    if (nextDelayedAt > 0) deadline = Math.min(deadline, nextDelayedAt);
    const client = (await worker.waitUntilReady()) as unknown as {
      bzpopmin(key: string, timeout: number): Promise<[string, string, string] | null>;
    };
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || this.closed || this.readAhead.size > 0) return;
      let popped: [string, string, string] | null | 'read ahead';
      try {
        popped = await Promise.race([
          this.popMarker(client, Math.max(left, 1) / 1000),
          this.readAhead.filled().then(() => 'read ahead' as const),
        ]);
      } catch (error) {
        if (this.closed) return;
        throw error;
      }
      if (!popped || popped === 'read ahead') return;
      const at = Number(popped[2]);
      // A job waits (`0`), or a delayed one is due: look. Else sleep until that job is due.
      if (popped[1] === '0' || at <= Date.now()) return;
      deadline = Math.min(deadline, at);
    }
  }

  /**
   * BZPOPMIN on the marker; one left waiting when the read-ahead won the last wait is taken over
   * (the blocking connection runs one command at a time).
   */
  private popMarker(
    client: { bzpopmin(key: string, timeout: number): Promise<[string, string, string] | null> },
    timeoutS: number,
  ): Promise<[string, string, string] | null> {
    if (this.blocking) return this.blocking;
    const blocking = client.bzpopmin(this.keys.marker, timeoutS);
    this.blocking = blocking;
    const clear = () => {
      if (this.blocking === blocking) this.blocking = undefined;
    };
    blocking.then(clear, clear);
    return blocking;
  }

  async release(lease: DeliveryLease, runAt: number): Promise<void> {
    await this.finish(lease, runAt <= Date.now() ? 'n' : 'd', runAt);
  }

  /** Ends the lease; the worker's slot frees with it, so the read-ahead may claim a job for it. */
  async settle(lease: DeliveryLease, nextRunAt?: number): Promise<void> {
    if (nextRunAt === undefined) await this.finish(lease, 'c', 0, true);
    else await this.finish(lease, nextRunAt <= Date.now() ? 'n' : 'd', nextRunAt, true);
  }

  /** Ends a lease in the next settle batch. A lease no longer ours (expired, taken over) is a no-op. */
  private async finish(lease: DeliveryLease, op: SettleOp, runAt: number, frees = false): Promise<void> {
    const held = this.held.get(lease.token);
    this.held.delete(lease.token);
    await this.settles.add({
      deliveryId: lease.deliveryId,
      token: lease.token,
      op,
      runAt,
      subscriptionId: held && this.slotLimit > 0 ? held.subscriptionId : '',
      frees,
    });
  }

  private async runSettle(items: SettleItem[]): Promise<boolean[]> {
    const { wait, active, delayed, marker, meta, paused } = this.keys;
    const shape = this.shape;
    let readAhead = 0;
    let skip: Set<string> | undefined;
    if (this.readAheadOn && shape && !this.closed) {
      for (const item of items) if (item.frees) readAhead += 1;
      // Bounded by the slots this batch frees, and by one claim's worth in the buffer.
      readAhead = Math.max(0, Math.min(readAhead, shape.most - this.readAhead.size));
      if (readAhead > 0 && shape.skip) {
        // The worker was full for these; a subscription settled here has a slot free again.
        skip = new Set(shape.skip);
        for (const item of items) skip.delete(item.subscriptionId);
      }
    }
    const now = Date.now();
    const token = nextToken();
    const args: (string | number)[] = [
      wait,
      active,
      delayed,
      marker,
      meta,
      paused,
      ...this.claimArgs(token, readAhead, shape?.leaseMs ?? this.parkMs, skip, now),
    ];
    for (const item of items) {
      args.push(item.deliveryId, item.token, item.op, delayedScore(item.runAt), item.subscriptionId);
    }
    const answer = (await (await this.scriptClient()).runCommand('hookwireSettle', args)) as (
      | string
      | number
    )[];
    if (answer.length > items.length) this.keepReadAhead(this.leasesOf(answer, items.length, token), now);
    return items.map((_item, i) => Number(answer[i]) === 1);
  }

  /** Buffers what a settle read ahead for the next claim; after `close`, hands it straight back. */
  private keepReadAhead(leases: DeliveryLease[], at: number): void {
    if (leases.length === 0) return;
    const entries = leases.map((lease) => ({
      lease,
      subscriptionId: this.held.get(lease.token)?.subscriptionId ?? '',
      at,
    }));
    if (this.closed) {
      void this.handBack(entries);
      return;
    }
    this.readAhead.add(entries);
    this.armReadAheadTimer();
  }

  /**
   * Hands back the buffered leases older than a share of their lease time, so that a job waits
   * in the buffer only while its lock has most of its time left.
   */
  private armReadAheadTimer(): void {
    const oldest = this.readAhead.oldestAt;
    if (this.readAheadTimer || oldest === undefined || !this.shape) return;
    const maxAgeMs = this.shape.leaseMs * READ_AHEAD_SHARE;
    this.readAheadTimer = setTimeout(
      () => {
        this.readAheadTimer = undefined;
        void this.handBack(this.readAhead.removeUpTo(Date.now() - maxAgeMs));
        this.armReadAheadTimer();
      },
      Math.max(0, oldest + maxAgeMs - Date.now()),
    );
    this.readAheadTimer.unref();
  }

  /** Gives leases back to the front of the line (another worker takes them next). */
  private handBack(entries: readonly { lease: DeliveryLease; subscriptionId: string }[]): Promise<unknown> {
    return Promise.all(
      entries.map(({ lease, subscriptionId }) => {
        this.held.delete(lease.token);
        return this.settles
          .add({
            deliveryId: lease.deliveryId,
            token: lease.token,
            op: 'f',
            runAt: 0,
            subscriptionId: this.slotLimit > 0 ? subscriptionId : '',
          })
          .catch((error) => this.onError(error));
      }),
    );
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
    await this.settles.add({ deliveryId, token: '', op: 'p', runAt: 0, subscriptionId: '' });
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
    clearTimeout(this.readAheadTimer);
    this.readAhead.wake();
    try {
      await this.workerReady;
      // Ends a claim waiting in Redis; what it took is handed back below. A BZPOPMIN still waiting
      // (maybe left by a claim the read-ahead answered) would hold a polite close for blockMs.
      await this.worker?.close(this.blocking !== undefined);
      await this.claiming;
      // Settles under way may still read ahead: what they bring is handed back as it comes.
      await this.settles.drain();
      // Every lease held, the buffered ones (never claimed by the worker) included.
      this.readAhead.removeUpTo();
      const held = [...this.held.entries()];
      await this.handBack(
        held.map(([token, { deliveryId, subscriptionId }]) => ({
          lease: { deliveryId, token },
          subscriptionId,
        })),
      );
      await this.schedules.drain();
      await this.settles.drain();
    } finally {
      await this.queue.close();
    }
  }
}

export function createBullmqQueue(options: BullmqQueueOptions): BullmqQueue {
  return new BullmqQueue(options);
}
