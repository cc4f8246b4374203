import { retryDelayMs } from '@hookwire/core';
import type { HttpOutcome } from './http.js';

export interface RetryPolicy {
  /** Delays in seconds between attempts. */
  schedule: readonly number[];
  jitter: number;
  random: () => number;
  /** Bounds of a honoured `Retry-After`, in milliseconds. */
  retryAfterMinMs: number;
  retryAfterMaxMs: number;
}

export type Decision =
  | { kind: 'succeeded' }
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'failed'; error: string }
  /** 410 Gone: the subscriber asked to be removed. */
  | { kind: 'gone'; error: string };

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function describeOutcome(outcome: HttpOutcome): string {
  if (outcome.error) return outcome.error;
  const status = outcome.status!;
  if (status >= 300 && status < 400) {
    return `HTTP ${status}: redirect${outcome.headers.location ? ` to ${outcome.headers.location}` : ''} not followed (register the final URL)`;
  }
  return `HTTP ${status}`;
}

/**
 * What to do after an attempt: 2xx succeeds; 410 gives up and disables the subscription; 429 and
 * 503 wait for `Retry-After` (clamped to the bounds); anything else, a timeout or a connection
 * error follows the schedule until it runs out. `attempt` is the 1-based number of this attempt.
 */
export function decide(outcome: HttpOutcome, attempt: number, policy: RetryPolicy, now: number): Decision {
  const status = outcome.status;
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'succeeded' };
  const error = describeOutcome(outcome);
  if (status === 410) return { kind: 'gone', error };
  const scheduled = retryDelayMs(policy.schedule, attempt, { jitter: policy.jitter, random: policy.random });
  if (scheduled === undefined) return { kind: 'failed', error };
  if (status === 429 || status === 503) {
    const asked = parseRetryAfter(outcome.headers['retry-after'], now);
    if (asked !== undefined) {
      const delayMs = Math.min(policy.retryAfterMaxMs, Math.max(policy.retryAfterMinMs, asked));
      return { kind: 'retry', delayMs, error };
    }
  }
  return { kind: 'retry', delayMs: scheduled, error };
}
