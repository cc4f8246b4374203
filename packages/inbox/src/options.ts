import {
  DEFAULT_RETRY_SCHEDULE,
  type EventMap,
  type Receiver,
  WebhookConfigError,
  type WebhookEvent,
  type WebhookHub,
} from '@hookwire/core';
import { consoleLogger, type InboxLogger } from './logger.js';
import type { InboxStore } from './types.js';

export interface InboxOptions<TEvents extends EventMap = EventMap> {
  /** The receiver that verifies requests (give this or `hub`). */
  receiver?: Receiver<TEvents, any>;
  /** A hub of receivers (`createHub`), for `/webhooks/:provider/:id?`. */
  hub?: WebhookHub;
  /** Where events are kept: `createMemoryInboxStore()`, `createSqliteInboxStore()`, `createPostgresInboxStore()`. */
  store: InboxStore;
  /**
   * Seconds to wait before each retry of a failed event; once they are used up the event is
   * `dead`. Default: the sender's schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
   */
  schedule?: readonly number[];
  /** Random spread of each retry delay, as a fraction (default 0.2: ±20 %; 0 for exact delays). */
  jitter?: number;
  /** Events processed at once by this process (default 10). */
  concurrency?: number;
  /** Events of one provider processed at once by this process (default: no limit below `concurrency`). */
  perProviderConcurrency?: number;
  /**
   * An ordering key: events with the same key are processed one at a time, in arrival order
   * (e.g. `(event) => \`${event.provider}:${event.payload.repository?.id}\``). Default: none.
   */
  key?: (event: WebhookEvent) => string | undefined;
  /**
   * How long a worker holds an event, in ms (default 60 000). A process that dies mid-handler
   * leaves its events to be taken again once their lease ends; keep handlers shorter than this.
   */
  leaseMs?: number;
  /** How often idle workers look for due events, in ms (default 1000). */
  pollIntervalMs?: number;
  /** Delete processed events (with their raw bodies and attempts) older than `maxAgeMs`, in batches. */
  retention?: { maxAgeMs: number; intervalMs?: number; batchSize?: number };
  /** Current time in ms since the epoch (default `Date.now`); tests pin the clock with it. */
  now?: () => number;
  /** Where failed writes and handler failures are reported (default `console`). */
  logger?: InboxLogger;
}

export interface ResolvedInboxOptions {
  target: Receiver<any, any> | WebhookHub;
  store: InboxStore;
  schedule: readonly number[];
  jitter: number;
  concurrency: number;
  perProviderConcurrency: number | undefined;
  key: ((event: WebhookEvent) => string | undefined) | undefined;
  leaseMs: number;
  pollIntervalMs: number;
  retention: { maxAgeMs: number; intervalMs: number; batchSize: number } | undefined;
  now: () => number;
  logger: InboxLogger;
}

function fail(message: string): never {
  throw new WebhookConfigError(`createInbox: ${message}`);
}

function positive(name: string, value: number | undefined, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || (integer && !Number.isSafeInteger(value))) {
    fail(`\`${name}\` must be a positive ${integer ? 'whole ' : ''}number, got ${String(value)}.`);
  }
  return value;
}

/** Checks the options once, at construction; mistakes throw `WebhookConfigError` naming the option. */
export function resolveInboxOptions(options: InboxOptions<any>): ResolvedInboxOptions {
  if (typeof options !== 'object' || options === null) fail('pass { receiver | hub, store }.');
  const target = options.hub ?? options.receiver;
  if (options.hub && options.receiver) fail('give `receiver` or `hub`, not both.');
  if (!target || typeof target.handle !== 'function' || typeof target.onAny !== 'function') {
    fail('`receiver` (a provider receiver such as github({ secret })) or `hub` (createHub) is required.');
  }
  const receivers = 'receivers' in target ? target.receivers() : [target];
  const deduping = receivers.find((receiver) => receiver.options?.dedupe);
  if (deduping) {
    fail(
      `the ${deduping.title} receiver has \`dedupe\` on: turn it off, the inbox drops duplicates durably (a receiver's dedupe would remember an id even when storing it failed, and the provider's retry would then be lost).`,
    );
  }
  const store = options.store;
  if (!store || typeof store.insert !== 'function' || typeof store.claim !== 'function') {
    fail('`store` is required: createMemoryInboxStore(), or the SQLite or PostgreSQL inbox store.');
  }
  const schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
  if (!Array.isArray(schedule) || schedule.some((s) => typeof s !== 'number' || !(s >= 0))) {
    fail('`schedule` must be an array of delays in seconds, e.g. [5, 300, 1800].');
  }
  const jitter = options.jitter ?? 0.2;
  if (typeof jitter !== 'number' || !(jitter >= 0 && jitter < 1))
    fail('`jitter` must be a number from 0 to below 1.');
  if (options.key !== undefined && typeof options.key !== 'function') {
    fail('`key` must be a function of the event returning a string (or undefined).');
  }
  const concurrency = positive('concurrency', options.concurrency, 10);
  const retention = options.retention;
  return {
    target,
    store,
    schedule: [...schedule],
    jitter,
    concurrency,
    perProviderConcurrency:
      options.perProviderConcurrency === undefined
        ? undefined
        : positive('perProviderConcurrency', options.perProviderConcurrency, concurrency),
    key: options.key,
    leaseMs: positive('leaseMs', options.leaseMs, 60_000),
    pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs, 1_000),
    retention:
      retention === undefined
        ? undefined
        : {
            maxAgeMs: positive('retention.maxAgeMs', retention.maxAgeMs, 0),
            intervalMs: positive('retention.intervalMs', retention.intervalMs, 600_000),
            batchSize: positive('retention.batchSize', retention.batchSize, 1_000),
          },
    now: options.now ?? Date.now,
    logger: options.logger ?? consoleLogger,
  };
}
