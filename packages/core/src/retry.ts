import { WebhookConfigError } from './errors.js';
/**
 * Delays in seconds between attempts, close to the Standard Webhooks recommendation: the first
 * attempt is immediate, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (eight attempts in all).
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = Object.freeze([
  5, 300, 1800, 7200, 18000, 36000, 36000,
]);

export interface RetryDelayOptions {
  /** Fraction of random spread around each delay (default 0.2, i.e. ±20 %). */
  jitter?: number;
  random?: () => number;
}

/**
 * Milliseconds to wait after the `failedAttempts`-th failed attempt, or `undefined` when the
 * schedule is exhausted and the delivery has failed for good.
 */
export function retryDelayMs(
  schedule: readonly number[],
  failedAttempts: number,
  options: RetryDelayOptions = {},
): number | undefined {
  const seconds = schedule[failedAttempts - 1];
  if (seconds === undefined) return undefined;
  const jitter = options.jitter ?? 0.2;
  const random = options.random ?? Math.random;
  const spread = 1 + jitter * (2 * random() - 1);
  return Math.max(0, Math.round(seconds * 1000 * spread));
}

/** Parses `5,300,1800` into seconds; throws a clear error for anything else. */
export function parseRetrySchedule(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const schedule = parts.map(Number);
  if (
    parts.length === 0 ||
    parts.some((part) => part === '') ||
    schedule.some((n) => !Number.isFinite(n) || n < 0)
  ) {
    throw new WebhookConfigError(
      `Invalid retry schedule "${text}": give delays in seconds separated by commas, e.g. "5,300,1800".`,
    );
  }
  return schedule;
}
