import { WebhookError } from './errors.js';

/** The clock and allowance a signed timestamp is checked against (`timestampWindow(ctx)` in a verify step). */
export interface TimestampWindow {
  /** Current time in milliseconds. */
  nowMs: number;
  /** Allowed age in seconds. */
  toleranceSeconds: number;
  /** Also reject timestamps further than the tolerance in the future (default true). */
  rejectFuture?: boolean;
}

export interface TimestampCheck extends TimestampWindow {
  /** The signed timestamp, in milliseconds since the epoch. */
  timestampMs: number;
  header: string;
}

/** The window of a receiver's context: its clock, read now, and its tolerance. */
export function timestampWindow(ctx: { now(): number; tolerance: number }): TimestampWindow {
  return { nowMs: ctx.now(), toleranceSeconds: ctx.tolerance };
}

/**
 * `checkTimestamp` for the timestamp a provider signed in `header` (a header, or a field named so):
 * a string is whole Unix seconds (`malformed_header` if not), a number is milliseconds. Returns
 * the milliseconds.
 */
export function checkSignedTimestamp(
  window: TimestampWindow,
  header: string,
  timestamp: string | number,
): number {
  const timestampMs = typeof timestamp === 'string' ? parseUnixSeconds(timestamp, header) : timestamp;
  const { nowMs, toleranceSeconds, rejectFuture } = window;
  checkTimestamp({ timestampMs, nowMs, toleranceSeconds, rejectFuture, header });
  return timestampMs;
}

/** Rejects replays: a signed timestamp older (or, by default, newer) than the tolerance. */
export function checkTimestamp(check: TimestampCheck): void {
  const { timestampMs, nowMs, toleranceSeconds } = check;
  const skewMs = nowMs - timestampMs;
  if (skewMs > toleranceSeconds * 1000) {
    throw new WebhookError(
      'timestamp_too_old',
      `The ${check.header} timestamp is ${Math.round(skewMs / 1000)} s old, more than the ${toleranceSeconds} s tolerance. A replayed request, or this server's clock is wrong (check NTP).`,
    );
  }
  if (check.rejectFuture !== false && -skewMs > toleranceSeconds * 1000) {
    throw new WebhookError(
      'timestamp_in_future',
      `The ${check.header} timestamp is ${Math.round(-skewMs / 1000)} s in the future, more than the ${toleranceSeconds} s tolerance. Check this server's clock (NTP).`,
    );
  }
}

/** Parses an integer number of seconds since the epoch, as most schemes send it. */
export function parseUnixSeconds(text: string, header: string): number {
  if (!/^\d{1,12}$/.test(text.trim())) {
    throw new WebhookError(
      'malformed_header',
      `The ${header} header must be a Unix timestamp in whole seconds; got a value that is not.`,
    );
  }
  return Number(text.trim()) * 1000;
}
