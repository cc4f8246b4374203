import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Admission, Leased } from './admission.js';
import { type DeliveryHookContext, runHook, type SenderHooks, withoutSecrets } from './hooks.js';
import type { HttpClient } from './http.js';
import { newId } from './ids.js';
import type { OperationalEvents } from './operational.js';
import { OutcomeBatch } from './outcome-batch.js';
import { buildRequest, standardBody } from './payload.js';
import { decide, type RetryPolicy } from './policy.js';
import type { QueueMode } from './queue-mode.js';
import type { AttemptRecord, DeliveryJob, DeliveryLease, SenderStore } from './store.js';
import type { AttemptOutcome, Logger, Telemetry } from './telemetry.js';
import type { Delivery, DeliveryAttempt, StoredEvent, Subscription } from './types.js';

/** What an attempt (or its absence) leaves on the delivery, before the worker adds whose it is. */
type FinishedOutcome = Omit<AttemptRecord, 'deliveryId' | 'updatedAt' | 'leaseToken'>;

export interface WorkerSettings {
  concurrency: number;
  perSubscriptionConcurrency: number;
  leaseMs: number;
  pollIntervalMs: number;
  /** With an external queue: how often pending deliveries overdue by a lease are fed to it again. */
  sweepIntervalMs: number;
  disableAfterMs: number;
  userAgent: string;
  policy: RetryPolicy;
}

export interface WorkerContext {
  store: SenderStore;
  mode: QueueMode;
  http: HttpClient;
  hooks: SenderHooks;
  now: () => number;
  settings: WorkerSettings;
  admission: Admission;
  telemetry: Telemetry;
  operational: OperationalEvents;
  logger?: Logger;
  disableSubscription(subscription: Subscription, reason: string): Promise<void>;
}

/**
 * Claims due deliveries and attempts them, at most `concurrency` at once overall and
 * `perSubscriptionConcurrency` per subscription, so one slow subscriber cannot take every slot.
 */
export class DeliveryWorker {
  /**
   * The Standard Webhooks body of the last event sent, serialised once for all its deliveries:
   * stores hand the same event object to every delivery of it in a claim batch, and a fan-out's
   * deliveries come one after another, so one entry is enough (and costs nothing per event).
   */
  private lastEvent: StoredEvent | undefined;
  private lastBody = '';

  private running = false;
  private loop: Promise<void> | undefined;
  private inFlight = 0;
  /** The last claim filled every free slot: more is probably due (see `gather`). */
  private backlogged = false;
  private loopUse: EventLoopUtilization | undefined;
  private readonly perSubscription = new Map<string, number>();
  private readonly attempts = new Set<Promise<void>>();
  /** Subscriptions with a failed attempt in this process since their last success. */
  private readonly failedRecently = new Set<string>();
  private signal: (() => void) | undefined;
  private signalled = false;
  private sweepTimer: NodeJS.Timeout | undefined;

  private readonly outcomes: OutcomeBatch;

  constructor(private readonly ctx: WorkerContext) {
    this.outcomes = new OutcomeBatch(ctx.store);
  }

  get active(): number {
    return this.inFlight;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    if (!this.ctx.mode.storeIsQueue) {
      void this.sweep();
      this.sweepTimer = setInterval(() => void this.sweep(), this.ctx.settings.sweepIntervalMs);
      this.sweepTimer.unref();
    }
  }

  /** Stops claiming, then waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.sweepTimer);
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.attempts]);
  }

  /** Something may be due now (a publish, a requeue, a finished attempt). */
  wake(): void {
    this.signalled = true;
    this.signal?.();
  }

  private async run(): Promise<void> {
    const { settings } = this.ctx;
    const { queue } = this.ctx.mode;
    const batch = claimBatch(settings.concurrency);
    while (this.running) {
      this.signalled = false;
      if (this.backlogged) await this.gather(batch);
      const free = settings.concurrency - this.inFlight;
      let claimed = 0;
      if (free > 0) {
        try {
          const leases = await queue.claim({
            limit: free,
            leaseMs: settings.leaseMs,
            now: this.ctx.now(),
            skipSubscriptions: this.saturated(),
          });
          claimed = leases.length;
          this.backlogged = claimed === free;
          if (claimed > 0) this.dispatch(leases);
        } catch (error) {
          this.report(error);
        }
      }
      if (!this.running) break;
      if (claimed > 0 && this.inFlight < settings.concurrency) continue;
      await this.idle(claimed === 0 && free > 0);
      // Let the other answers that arrived in this turn of the event loop finish first, so that
      // one claim picks up work for all the slots they free.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * With more due than there are slots and the process busy, lets finished attempts pile up a
   * little before the next claim: a claim and a commit of outcomes cost about the same whatever
   * their size (a SQLite commit writes every page it touched, a Redis or PostgreSQL claim is a
   * round trip), so claiming for the two or three slots that free up per turn of a saturated event
   * loop spends the CPU on bookkeeping instead of requests. Waits for half of the slots, or
   * `GATHER_MS` at most. An idle loop claims at once: there, waiting would only leave slots empty.
   */
  private async gather(batch: number): Promise<void> {
    if (!this.loopIsBusy()) return;
    const deadline = performance.now() + GATHER_MS;
    for (;;) {
      const free = this.ctx.settings.concurrency - this.inFlight;
      const left = deadline - performance.now();
      if (free >= batch || left <= 0 || !this.running) return;
      await this.waitForSignal(left);
    }
  }

  /** The event loop's utilisation since the last look is at least `BUSY_LOOP` (Node only). */
  private loopIsBusy(): boolean {
    const measure = (performance as { eventLoopUtilization?: MeasureLoop }).eventLoopUtilization;
    if (typeof measure !== 'function') return false;
    const now = measure.call(performance);
    const since = this.loopUse ? measure.call(performance, now, this.loopUse) : now;
    this.loopUse = now;
    return since.utilization >= BUSY_LOOP;
  }

  /** Waits for a wake-up, a free slot, or the next due time (capped by the poll interval). */
  private async idle(nothingDue: boolean): Promise<void> {
    if (this.signalled) return;
    let waitMs = this.ctx.settings.pollIntervalMs;
    const { queue } = this.ctx.mode;
    if (nothingDue && queue.nextDueIn) {
      try {
        const due = await queue.nextDueIn(this.ctx.now());
        // 0 means due but skipped (its subscription is at its bound): a finishing attempt wakes us.
        if (due !== undefined && due > 0) waitMs = Math.min(waitMs, due);
      } catch (error) {
        this.report(error);
      }
    }
    if (this.signalled) return;
    await this.waitForSignal(waitMs);
  }

  /** Resolves on the next `wake()` (a finished attempt, a publish) or after `ms`. */
  private async waitForSignal(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.signal = done;
    });
    this.signal = undefined;
  }

  private saturated(): ReadonlySet<string> | undefined {
    const full = new Set<string>();
    for (const [id, count] of this.perSubscription) {
      if (count >= this.ctx.settings.perSubscriptionConcurrency) full.add(id);
    }
    return full.size > 0 ? full : undefined;
  }

  private dispatch(leases: DeliveryLease[]): void {
    this.inFlight += leases.length;
    const track = this.loadAndAttempt(leases).catch((error) => this.report(error));
    this.attempts.add(track);
    void track.finally(() => this.attempts.delete(track));
  }

  private async loadAndAttempt(leases: DeliveryLease[]): Promise<void> {
    let jobs: DeliveryJob[];
    try {
      jobs = await this.ctx.store.loadJobs(leases.map((lease) => lease.deliveryId));
    } catch (error) {
      this.inFlight -= leases.length;
      this.wake();
      throw error;
    }
    const byId = new Map(jobs.map((job) => [job.delivery.id, job]));
    const running: Promise<void>[] = [];
    const taken: Leased[] = [];
    for (const lease of leases) {
      const job = byId.get(lease.deliveryId);
      const subscriptionId = job?.delivery.subscriptionId;
      const count = subscriptionId === undefined ? 0 : (this.perSubscription.get(subscriptionId) ?? 0);
      if (!job || count >= this.ctx.settings.perSubscriptionConcurrency) {
        // Unknown delivery, or its subscription is at its bound: hand it back for a little later.
        this.inFlight -= 1;
        running.push(
          (job
            ? this.ctx.mode.queue.release(lease, this.ctx.now() + 100)
            : this.ctx.mode.queue.settle(lease)
          ).catch((error) => this.report(error)),
        );
        continue;
      }
      this.perSubscription.set(subscriptionId!, count + 1);
      taken.push({ job, lease });
    }
    let admitted: Leased[] = taken;
    try {
      const decided = await this.ctx.admission.admit(taken, this.ctx.now());
      admitted = decided.admitted;
      for (const { job, lease, runAt } of decided.deferred) {
        // Not its turn (ordered) or no token yet (rate limit): back to the queue, no attempt made.
        running.push(
          this.ctx.mode.queue
            .release(lease, runAt)
            .catch((error) => this.report(error))
            .finally(() => this.done(job.delivery.subscriptionId)),
        );
      }
    } catch (error) {
      // Without an answer on order or tokens, attempt nothing: every lease goes back for later.
      this.report(error);
      admitted = [];
      for (const { job, lease } of taken) {
        running.push(
          this.ctx.mode.queue
            .release(lease, this.ctx.now() + this.ctx.settings.pollIntervalMs)
            .catch((e) => this.report(e))
            .finally(() => this.done(job.delivery.subscriptionId)),
        );
      }
    }
    for (const { job, lease } of admitted) {
      const subscriptionId = job.delivery.subscriptionId;
      running.push(
        this.attempt(job, lease).then(
          () => this.done(subscriptionId),
          (error) => {
            this.report(error);
            this.done(subscriptionId);
          },
        ),
      );
    }
    await Promise.all(running);
  }

  /** A slot taken by `loadAndAttempt` is free again. */
  private done(subscriptionId: string): void {
    const left = (this.perSubscription.get(subscriptionId) ?? 1) - 1;
    if (left === 0) this.perSubscription.delete(subscriptionId);
    else this.perSubscription.set(subscriptionId, left);
    this.inFlight -= 1;
    this.wake();
  }

  private async attempt(job: DeliveryJob, lease: DeliveryLease): Promise<void> {
    const { delivery, event, subscription } = job;
    const { now } = this.ctx;
    if (delivery.status !== 'pending') {
      await this.ctx.mode.queue.settle(lease);
      return;
    }
    if (!subscription || subscription.disabled) {
      const reason = subscription
        ? `subscription disabled: ${subscription.disabledReason ?? 'no reason given'}`
        : 'subscription deleted';
      await this.finish(lease, delivery, { status: 'failed', nextAttemptAt: now(), lastError: reason }, job);
      return;
    }
    const startedAt = now();
    const number = delivery.attempts + 1;
    const { telemetry } = this.ctx;
    if (!telemetry.enabled) return this.send(job, lease, subscription, startedAt, number, undefined);
    await telemetry.attemptSpan(
      event.traceparent,
      {
        'hookwire.delivery.id': delivery.id,
        'hookwire.event.id': event.id,
        'hookwire.event.type': event.type,
        'hookwire.subscription.id': subscription.id,
        'hookwire.attempt': number,
      },
      (span) => this.send(job, lease, subscription, startedAt, number, span),
    );
  }

  private standardBodyOf(event: StoredEvent): string {
    if (event !== this.lastEvent) {
      this.lastBody = standardBody(event);
      this.lastEvent = event;
    }
    return this.lastBody;
  }

  private async send(
    job: DeliveryJob,
    lease: DeliveryLease,
    subscription: Subscription,
    startedAt: number,
    number: number,
    span: Parameters<Telemetry['endAttempt']>[0],
  ): Promise<void> {
    const { delivery, event } = job;
    const { now, settings } = this.ctx;
    const request = buildRequest({
      event,
      subscription,
      attempt: number,
      now: startedAt,
      userAgent: settings.userAgent,
      body: subscription.format === 'aspnet' ? undefined : this.standardBodyOf(event),
    });
    const outcome = await this.ctx.http.send('POST', subscription.url, request.headers, request.body);
    const { status } = outcome;
    const attempt: DeliveryAttempt = {
      id: newId('att', startedAt),
      deliveryId: delivery.id,
      attempt: number,
      startedAt,
      durationMs: outcome.durationMs,
    };
    if (status !== undefined) attempt.status = status;
    if (outcome.error !== undefined) attempt.error = outcome.error;
    if (outcome.excerpt) attempt.responseExcerpt = outcome.excerpt;
    const finishedAt = now();
    const policy = subscription.retrySchedule
      ? { ...settings.policy, schedule: subscription.retrySchedule }
      : settings.policy;
    const decision = decide(outcome, number, policy, finishedAt);
    const reported: AttemptOutcome =
      decision.kind === 'succeeded' ? 'succeeded' : decision.kind === 'retry' ? 'retry' : 'failed';
    if (span !== undefined || this.ctx.telemetry.enabled) {
      this.ctx.telemetry.endAttempt(span, {
        outcome: reported,
        durationMs: outcome.durationMs,
        ...(status !== undefined ? { status } : {}),
        ...lagOf(delivery, startedAt),
      });
    }
    const outcomeRecord: FinishedOutcome =
      decision.kind === 'succeeded'
        ? { attempt, status: 'succeeded', nextAttemptAt: finishedAt }
        : decision.kind === 'retry'
          ? {
              attempt,
              status: 'pending',
              nextAttemptAt: finishedAt + decision.delayMs,
              lastError: decision.error,
            }
          : { attempt, status: 'failed', nextAttemptAt: finishedAt, lastError: decision.error };
    if (status !== undefined) outcomeRecord.lastStatus = status;
    const applied = await this.finish(lease, delivery, outcomeRecord, job);
    if (!applied) return;
    this.log(reported, job, attempt, decision.kind === 'retry' ? finishedAt + decision.delayMs : undefined);
    // A success of a subscription with no failure on record changes nothing: no call, no promise.
    if (
      decision.kind === 'succeeded' &&
      subscription.failingSince === undefined &&
      !this.failedRecently.has(subscription.id)
    )
      return;
    await this.trackHealth(subscription, decision.kind === 'succeeded', finishedAt, decision);
  }

  /** One line per delivery outcome for the operator's logger (never a secret, a header or a body). */
  private log(
    outcome: AttemptOutcome,
    job: DeliveryJob,
    attempt: DeliveryAttempt,
    nextAttemptAt?: number,
  ): void {
    const { logger } = this.ctx;
    if (!logger) return;
    const fields = {
      outcome,
      deliveryId: job.delivery.id,
      eventId: job.event.id,
      eventType: job.event.type,
      subscriptionId: job.delivery.subscriptionId,
      tenant: job.delivery.tenant,
      attempt: attempt.attempt,
      status: attempt.status ?? null,
      durationMs: Math.round(attempt.durationMs),
      ...(attempt.error !== undefined ? { error: attempt.error } : {}),
      ...(nextAttemptAt !== undefined ? { nextAttemptAt: new Date(nextAttemptAt).toISOString() } : {}),
    };
    try {
      if (outcome === 'succeeded') logger.info(fields, 'delivery succeeded');
      else if (outcome === 'retry') logger.warn(fields, 'delivery attempt failed; will retry');
      else logger.error(fields, 'delivery failed for good');
    } catch {
      // A logger that throws must not stop delivery.
    }
  }

  /** Stores the outcome, settles the lease and tells the hooks. False when the lease was lost. */
  private async finish(
    lease: DeliveryLease,
    delivery: Delivery,
    outcome: FinishedOutcome,
    job: DeliveryJob,
  ): Promise<boolean> {
    const { mode, hooks } = this.ctx;
    // The outcome is this attempt's own object: completed in place rather than copied.
    const record = outcome as AttemptRecord;
    record.deliveryId = delivery.id;
    record.updatedAt = this.ctx.now();
    if (mode.storeIsQueue) record.leaseToken = lease.token;
    const applied = await this.outcomes.record(record);
    if (!applied) return false;
    await mode.queue.settle(lease, record.status === 'pending' ? record.nextAttemptAt : undefined);
    if (record.status === 'pending') this.wakeAt(record.nextAttemptAt);
    else if (job.subscription?.ordered) await this.promoteNext(delivery.subscriptionId);
    const operational = record.status === 'failed' && record.attempt && job.subscription;
    if (!operational && !hooks.onAttempt && !hooks.onDeliverySucceeded && !hooks.onDeliveryFailed)
      return true;
    const updated: Delivery = {
      id: delivery.id,
      eventId: delivery.eventId,
      subscriptionId: delivery.subscriptionId,
      tenant: delivery.tenant,
      eventType: delivery.eventType,
      status: record.status,
      attempts: delivery.attempts + (record.attempt ? 1 : 0),
      nextAttemptAt: record.nextAttemptAt,
      createdAt: delivery.createdAt,
      updatedAt: record.updatedAt,
      ...(record.lastStatus !== undefined ? { lastStatus: record.lastStatus } : {}),
      ...(record.lastError !== undefined ? { lastError: record.lastError } : {}),
    };
    const context: DeliveryHookContext = {
      delivery: updated,
      event: job.event,
      subscription: job.subscription
        ? withoutSecrets(job.subscription)
        : ({ id: delivery.subscriptionId } as never),
      ...(record.attempt ? { attempt: record.attempt } : {}),
    };
    if (record.attempt) runHook(hooks, hooks.onAttempt, context);
    if (record.status === 'succeeded') runHook(hooks, hooks.onDeliverySucceeded, context);
    if (record.status === 'failed') runHook(hooks, hooks.onDeliveryFailed, context);
    if (operational) this.ctx.operational.deliveryFailed(job.subscription!, updated);
    return true;
  }

  /** The head of an ordered line finished: the next in line is due now, not at its next look. */
  private async promoteNext(subscriptionId: string): Promise<void> {
    const [next] = (await this.ctx.store.firstPendingDeliveries?.([subscriptionId])) ?? [];
    if (next) await this.ctx.mode.promote(next, this.ctx.now());
    this.wake();
  }

  /** The clock of "disable a subscription that has not succeeded for N days", and 410 Gone. */
  private async trackHealth(
    subscription: Subscription,
    succeeded: boolean,
    now: number,
    decision: ReturnType<typeof decide>,
  ): Promise<void> {
    const { store } = this.ctx;
    if (decision.kind === 'gone') {
      await this.ctx.disableSubscription(
        subscription,
        `The endpoint answered 410 Gone at ${new Date(now).toISOString()}.`,
      );
      return;
    }
    // Decide on a fresh copy: the job's snapshot may predate another attempt's write.
    const { operational } = this.ctx;
    const counting = operational.covers(subscription);
    if (succeeded) {
      if (subscription.failingSince === undefined && !this.failedRecently.has(subscription.id)) return;
      this.failedRecently.delete(subscription.id);
      const fresh = await store.getSubscription(subscription.id);
      if (fresh?.failingSince !== undefined || fresh?.consecutiveFailures !== undefined)
        await store.updateSubscription(subscription.id, {
          failingSince: undefined,
          consecutiveFailures: undefined,
        });
      if (fresh && counting && (fresh.consecutiveFailures ?? 0) >= operational.settings!.failingAfter)
        operational.recovered(fresh);
      return;
    }
    this.failedRecently.add(subscription.id);
    const fresh = await store.getSubscription(subscription.id);
    if (!fresh || fresh.disabled) return;
    if (counting) {
      // Failures in a row, for `subscription.failing` (sent once, when the count reaches the bound).
      const failures = (fresh.consecutiveFailures ?? 0) + 1;
      const failingSince = fresh.failingSince ?? now;
      await store.updateSubscription(subscription.id, { failingSince, consecutiveFailures: failures });
      if (failures === operational.settings!.failingAfter) {
        operational.failing(
          { ...fresh, failingSince },
          failures,
          'error' in decision ? decision.error : undefined,
        );
      }
    }
    if (fresh.failingSince === undefined) {
      if (!counting) await store.updateSubscription(subscription.id, { failingSince: now });
    } else if (now - fresh.failingSince >= this.ctx.settings.disableAfterMs) {
      await this.ctx.disableSubscription(
        fresh,
        `No successful delivery since ${new Date(fresh.failingSince).toISOString()}: disabled after ${Math.round(this.ctx.settings.disableAfterMs / 3_600_000)} h of failures.`,
      );
    }
  }

  /** A retry due soon (shorter than the poll interval) should not wait for the next poll. */
  private wakeAt(at: number): void {
    const delay = at - this.ctx.now();
    if (delay < this.ctx.settings.pollIntervalMs) setTimeout(() => this.wake(), Math.max(0, delay)).unref();
  }

  private async sweep(): Promise<void> {
    try {
      const overdue = await this.ctx.store.listDueDeliveries(
        this.ctx.now() - this.ctx.settings.leaseMs,
        1000,
      );
      await this.ctx.mode.schedule(overdue);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    const { logger } = this.ctx;
    const fallback = logger
      ? (err: unknown) => logger.error({ err }, 'hookwire sender error')
      : defaultOnError;
    runHook(this.ctx.hooks, this.ctx.hooks.onError ?? fallback, error);
  }
}

function defaultOnError(error: unknown): void {
  console.error('[hookwire/sender]', error);
}

/**
 * From when the delivery was due to `startedAt`: a first attempt was due when published; a retry
 * was due at `nextAttemptAt` where the store left it (a store that is the queue writes the lease
 * expiry there while the delivery is held, so its retries go unmeasured).
 */
function lagOf(delivery: Delivery, startedAt: number): { lagMs?: number } {
  if (delivery.attempts === 0) return { lagMs: startedAt - delivery.createdAt };
  if (delivery.leaseToken === undefined && delivery.nextAttemptAt <= startedAt)
    return { lagMs: startedAt - delivery.nextAttemptAt };
  return {};
}

/** The longest a claim waits for more slots to free up (see `DeliveryWorker.gather`). */
const GATHER_MS = 3;
/** Event-loop utilisation from which claims gather (see `DeliveryWorker.gather`). */
const BUSY_LOOP = 0.8;

type MeasureLoop = (now?: EventLoopUtilization, since?: EventLoopUtilization) => EventLoopUtilization;

/** Half of the slots (at least one): the batch a backlogged, busy worker claims at once. */
function claimBatch(concurrency: number): number {
  return Math.max(1, Math.floor(concurrency / 2));
}
