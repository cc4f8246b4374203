import { DEFAULT_RETRY_SCHEDULE, WebhookConfigError } from '@hookwire/core';
import type { Dispatcher } from 'undici';
import type { SenderHooks } from './hooks.js';
import type { OperationalEventsOptions } from './operational.js';
import type { OwnershipCheck } from './ownership.js';
import type { Resolver } from './ssrf.js';
import type { DeliveryQueue, RateLimiter, SenderStore } from './store.js';
import type { Logger } from './telemetry.js';
import type { EventType } from './types.js';
import { validateRetrySchedule } from './validation.js';
import type { WorkerSettings } from './worker.js';

declare const __HOOKWIRE_SENDER_VERSION__: string | undefined;
export const SENDER_VERSION: string =
  typeof __HOOKWIRE_SENDER_VERSION__ === 'string' ? __HOOKWIRE_SENDER_VERSION__ : '0.0.0-dev';

export interface SenderOptions extends SenderHooks {
  /** Where subscriptions, events, deliveries and the log live. */
  store: SenderStore;
  /** Hands deliveries to workers; defaults to the store's own queue (`store.queue`) when it has one. */
  queue?: DeliveryQueue;
  /** An event-type catalogue: when it has entries, publishing another type is refused. */
  eventTypes?: readonly EventType[];
  /** Lets subscriptions and deliveries reach loopback and private addresses (local development only). */
  allowPrivateNetwork?: boolean;
  /** Replaces the system DNS resolver for the SSRF guard (tests, custom DNS). */
  resolve?: Resolver;
  /** Delays in seconds between attempts; default core's `DEFAULT_RETRY_SCHEDULE` (5 s … 10 h, 8 attempts). */
  retrySchedule?: readonly number[];
  /** Random spread of each delay, 0.2 = ±20 % (default). */
  jitter?: number;
  random?: () => number;
  /** A honoured `Retry-After` (429, 503) is clamped to these bounds in ms (default 1 s and 1 h). */
  retryAfterMinMs?: number;
  retryAfterMaxMs?: number;
  /** Attempts in flight at once, overall (default 50) and per subscription (default 10). */
  concurrency?: number;
  perSubscriptionConcurrency?: number;
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Whole attempt, response body included; default 15000 ms. */
  timeoutMs?: number;
  /** Response bytes kept for the log; default 65536. */
  maxResponseBytes?: number;
  /** A worker that does not report within this time is presumed dead; default timeout + 15 s. */
  leaseMs?: number;
  /** How often idle workers look for due deliveries (default 1000 ms). */
  pollIntervalMs?: number;
  /** With an external queue: how often overdue pending deliveries are fed to it again (default 60 s). */
  sweepIntervalMs?: number;
  /** How long a rotated-out secret keeps signing (default 24 h). */
  rotationGraceMs?: number;
  /** A subscription without a success for this long is disabled (default 5 days). */
  disableAfterMs?: number;
  /** Ownership check at registration (off by default). */
  verifyOwnership?: OwnershipCheck | readonly OwnershipCheck[] | false;
  /** Largest accepted event `data`, serialised (default 256 KiB). */
  maxPayloadBytes?: number;
  /** Subscriptions one tenant may hold (default 1000); one more is refused with `limit_reached`. */
  maxSubscriptionsPerTenant?: number;
  /**
   * Deliveries one event may fan out to (default 10000): a publish or broadcast matching more
   * subscriptions is refused with `limit_reached` and stores nothing.
   */
  maxFanOutPerEvent?: number;
  userAgent?: string;
  /** Clock in ms (tests pin it). */
  now?: () => number;
  /** Replaces the guarded undici Agent (the SSRF guard then only checks literal addresses). */
  dispatcher?: Dispatcher;
  /**
   * The buckets of subscriptions' `rateLimit`. Default: the queue's (BullMQ: Redis), else the
   * store's (PostgreSQL, SQLite: a row per subscription), else this process's memory.
   */
  rateLimiter?: RateLimiter;
  /**
   * The sender's own events (`subscription.disabled`, `subscription.failing`,
   * `subscription.recovered`, `delivery.failed`), published to the operator's tenant (default
   * `operator`) and delivered, signed, to the endpoints subscribed there. Off by default.
   */
  operationalEvents?: OperationalEventsOptions | boolean;
  /**
   * A pino-compatible logger (`info`, `warn`, `error`, fields first): one line per delivery
   * outcome, and the worker's errors when no `onError` is given (instead of console.error).
   */
  logger?: Logger;
}

/** The options with their defaults applied and checked, as the sender's parts read them. */
export interface SenderSettings {
  now: () => number;
  userAgent: string;
  rotationGraceMs: number;
  maxPayloadBytes: number;
  maxSubscriptionsPerTenant: number;
  maxFanOutPerEvent: number;
  ownershipChecks: readonly OwnershipCheck[];
  connectTimeoutMs: number;
  timeoutMs: number;
  maxResponseBytes: number;
  worker: WorkerSettings;
}

export function resolveSettings(options: SenderOptions): SenderSettings {
  const positive = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new WebhookConfigError(`createSender: \`${name}\` must be a positive number.`);
    }
    return value;
  };
  const count = (name: string, value: number | undefined, fallback: number) => {
    const n = positive(name, value, fallback);
    if (!Number.isSafeInteger(n))
      throw new WebhookConfigError(`createSender: \`${name}\` must be a whole number.`);
    return n;
  };
  const schedule = options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE;
  try {
    validateRetrySchedule([...schedule]);
  } catch (error) {
    throw new WebhookConfigError(`createSender: ${(error as Error).message}`);
  }
  const checks = options.verifyOwnership;
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 15_000);
  const userAgent = options.userAgent ?? `Hookwire/${SENDER_VERSION}`;
  return {
    now: options.now ?? Date.now,
    userAgent,
    rotationGraceMs: positive('rotationGraceMs', options.rotationGraceMs, 24 * 3_600_000),
    maxPayloadBytes: positive('maxPayloadBytes', options.maxPayloadBytes, 256 * 1024),
    maxSubscriptionsPerTenant: count('maxSubscriptionsPerTenant', options.maxSubscriptionsPerTenant, 1_000),
    maxFanOutPerEvent: count('maxFanOutPerEvent', options.maxFanOutPerEvent, 10_000),
    ownershipChecks: !checks ? [] : typeof checks === 'string' ? [checks] : checks,
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 5_000),
    timeoutMs,
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes, 64 * 1024),
    worker: {
      concurrency: positive('concurrency', options.concurrency, 50),
      perSubscriptionConcurrency: positive(
        'perSubscriptionConcurrency',
        options.perSubscriptionConcurrency,
        10,
      ),
      leaseMs: positive('leaseMs', options.leaseMs, timeoutMs + 15_000),
      pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs, 1_000),
      sweepIntervalMs: positive('sweepIntervalMs', options.sweepIntervalMs, 60_000),
      disableAfterMs: positive('disableAfterMs', options.disableAfterMs, 5 * 24 * 3_600_000),
      userAgent,
      policy: {
        schedule,
        jitter: options.jitter ?? 0.2,
        random: options.random ?? Math.random,
        retryAfterMinMs: options.retryAfterMinMs ?? 1_000,
        retryAfterMaxMs: options.retryAfterMaxMs ?? 3_600_000,
      },
    },
  };
}
