import { WebhookError } from './errors.js';

export interface TimestampCheck {
  /** The signed timestamp, in milliseconds since the epoch. */
  timestampMs: number;
  /** Current time in milliseconds. */
  nowMs: number;
  /** Allowed age in seconds. */
  toleranceSeconds: number;
  /** Also reject timestamps further than the tolerance in the future (default true). */
  rejectFuture?: boolean;
  header: string;
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
