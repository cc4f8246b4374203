import { retryDelayMs } from '@hookwire/core';
import type { HandlerRegistry } from './handlers.js';
import { toWebhookEvent } from './handlers.js';
import type { InboxLogger } from './logger.js';
import type { ClaimedEvent, InboxStore } from './types.js';

export interface ProcessorOptions {
  store: InboxStore;
  handlers: HandlerRegistry;
  now: () => number;
  logger: InboxLogger;
  schedule: readonly number[];
  jitter: number;
  concurrency: number;
  perProviderConcurrency: number | undefined;
  leaseMs: number;
  pollIntervalMs: number;
  retention: { maxAgeMs: number; intervalMs: number; batchSize: number } | undefined;
}

/**
 * The workers: claims due events under a lease, runs the handlers, records the outcome. One pump
 * keeps up to `concurrency` events in flight; it runs again whenever one finishes, when new events
 * are stored in this process (`wake`) and every `pollIntervalMs` (events stored by other processes,
 * retries coming due, leases of dead processes expiring).
 */
export class Processor {
  readonly #options: ProcessorOptions;
  readonly #running = new Map<string, number>();
  readonly #inFlight = new Set<Promise<void>>();
  #size = 0;
  #pumping = false;
  #again = false;
  #started = false;
  #pumpRun: Promise<void> | undefined;
  #idle: (() => void)[] = [];
  #failures: ((error: unknown) => void)[] = [];
  #timers: NodeJS.Timeout[] = [];

  readonly #batch: number;

  constructor(options: ProcessorOptions) {
    this.#options = options;
    this.#batch = Math.max(1, Math.floor(options.concurrency / 4));
  }

  get started(): boolean {
    return this.#started;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    const poll = setInterval(() => this.wake(), this.#options.pollIntervalMs);
    poll.unref();
    this.#timers.push(poll);
    const retention = this.#options.retention;
    if (retention) {
      const prune = setInterval(() => void this.prune().catch(this.#background), retention.intervalMs);
      prune.unref();
      this.#timers.push(prune);
    }
    this.wake();
  }

  async stop(): Promise<void> {
    this.#started = false;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    while (this.#inFlight.size > 0 || this.#pumpRun) {
      await Promise.allSettled([...this.#inFlight, this.#pumpRun]);
    }
  }

  /** Looks for due events now (coalesced with a pump already running). */
  wake(): void {
    // Stopped and nobody draining: take nothing new (what is in flight still finishes).
    if (!this.#started && this.#idle.length === 0) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumpRun = this.#pump().finally(() => {
      this.#pumpRun = undefined;
    });
  }

  /** Processes until nothing is due and nothing is in flight; for tests, scripts and shutdown. */
  drain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#idle.push(resolve);
      this.#failures.push(reject);
      this.wake();
    });
  }

  /** Deletes processed events older than the retention age, in batches; returns how many. */
  async prune(): Promise<number> {
    const retention = this.#options.retention;
    if (!retention) return 0;
    const before = this.#options.now() - retention.maxAgeMs;
    let total = 0;
    for (;;) {
      const deleted = await this.#options.store.prune(before, retention.batchSize);
      total += deleted;
      if (deleted < retention.batchSize) return total;
    }
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        const room = this.#options.concurrency - this.#size;
        // Claim in batches: one claim per finished event would cost a transaction per event.
        if (room <= 0 || (this.#size > 0 && room < this.#batch)) continue;
        const claimed = await this.#options.store.claim({
          now: this.#options.now(),
          leaseMs: this.#options.leaseMs,
          limit: room,
          perProvider: this.#options.perProviderConcurrency,
          running: this.#running,
        });
        for (const item of claimed) this.#track(item);
        if (claimed.length === room) this.#again = true;
      } while (this.#again);
      if (this.#size === 0) this.#settle();
    } catch (error) {
      this.#background(error);
      this.#settle(error);
    } finally {
      this.#pumping = false;
    }
  }

  #track(item: ClaimedEvent): void {
    const provider = item.event.provider;
    this.#size++;
    this.#running.set(provider, (this.#running.get(provider) ?? 0) + 1);
    const task = this.#process(item)
      .catch(this.#background)
      .finally(() => {
        this.#size--;
        const left = (this.#running.get(provider) ?? 1) - 1;
        if (left === 0) this.#running.delete(provider);
        else this.#running.set(provider, left);
        this.#inFlight.delete(task);
        this.wake();
      });
    this.#inFlight.add(task);
  }

  async #process({ event, lease }: ClaimedEvent): Promise<void> {
    const { store, handlers, now, schedule, jitter } = this.#options;
    const startedAt = now();
    const started = performance.now();
    const error = await handlers.run(toWebhookEvent(event));
    const finishedAt = now();
    const attempt = event.attempts + 1;
    const delay = error === undefined ? undefined : retryDelayMs(schedule, attempt, { jitter });
    const status = error === undefined ? 'processed' : delay === undefined ? 'dead' : 'pending';
    if (error !== undefined) {
      this.#options.logger.warn(
        `inbox: a handler for ${event.provider} ${event.name} (${event.id}) failed on attempt ${attempt}; ${status === 'dead' ? 'the event is dead' : `retrying in ${Math.round(delay! / 1000)} s`}.`,
      );
    }
    await store.finish({
      id: event.id,
      lease,
      status,
      nextAttemptAt: finishedAt + (delay ?? 0),
      now: finishedAt,
      attempt: {
        eventId: event.id,
        attempt,
        kind: 'process',
        startedAt,
        durationMs: performance.now() - started,
        error,
      },
    });
  }

  #settle(error?: unknown): void {
    const idle = this.#idle;
    const failures = this.#failures;
    this.#idle = [];
    this.#failures = [];
    if (error === undefined) for (const resolve of idle) resolve();
    else for (const reject of failures) reject(error);
  }

  readonly #background = (error: unknown): void => {
    this.#options.logger.error('inbox: background work failed', error);
  };
}
