import type { Delivery, DeliveryStatus } from './api.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "42 s ago", "5 min ago", "3 h ago", else the date and time (UTC, ISO-like). */
export function formatTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '—';
  const ago = now - at;
  if (ago < 0) return `in ${formatSpan(-ago)}`;
  if (ago < 5 * SECOND) return 'just now';
  if (ago < DAY) return `${formatSpan(ago)} ago`;
  return absoluteTime(iso);
}

/** "2025-01-31 12:00:05 UTC". */
export function absoluteTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function formatSpan(ms: number): string {
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/** "85 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.floor(ms / MINUTE)} min ${Math.round((ms % MINUTE) / 1000)} s`;
}

/** Successes over finished outcomes, as "97.5 %"; "—" before anything finished. */
export function formatRate(successes: number, failures: number): string {
  const total = successes + failures;
  if (total === 0) return '—';
  const rate = (successes / total) * 100;
  return `${rate === 100 || rate === 0 ? rate.toFixed(0) : rate.toFixed(1)} %`;
}

export interface Bucket {
  start: number;
  succeeded: number;
  failed: number;
  pending: number;
  /** Distinct events among the bucket's deliveries. */
  events: number;
}

/** Deliveries counted by outcome in `count` buckets of `size` ms ending at `now` (oldest first). */
export function bucketDeliveries(
  deliveries: readonly Delivery[],
  now: number,
  size: number,
  count: number,
): Bucket[] {
  const first = Math.floor(now / size) * size - (count - 1) * size;
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
    start: first + i * size,
    succeeded: 0,
    failed: 0,
    pending: 0,
    events: 0,
  }));
  const seen = buckets.map(() => new Set<string>());
  for (const delivery of deliveries) {
    const index = Math.floor((Date.parse(delivery.createdAt) - first) / size);
    const bucket = buckets[index];
    if (!bucket) continue;
    bucket[delivery.status] += 1;
    seen[index]!.add(delivery.eventId);
  }
  buckets.forEach((bucket, i) => {
    bucket.events = seen[i]!.size;
  });
  return buckets;
}

export function countByStatus(deliveries: readonly Delivery[]): Record<DeliveryStatus, number> {
  const counts = { pending: 0, succeeded: 0, failed: 0 };
  for (const delivery of deliveries) counts[delivery.status] += 1;
  return counts;
}

/** "1 attempt", "3 attempts". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The median time from an event's delivery being created to its success: how far behind the
 * endpoints are. `undefined` before any success.
 */
export function medianLagMs(deliveries: readonly Delivery[]): number | undefined {
  const lags = deliveries
    .filter((d) => d.status === 'succeeded')
    .map((d) => Date.parse(d.updatedAt) - Date.parse(d.createdAt))
    .filter((ms) => Number.isFinite(ms) && ms >= 0)
    .sort((a, b) => a - b);
  if (lags.length === 0) return undefined;
  const middle = Math.floor(lags.length / 2);
  return lags.length % 2 === 1 ? lags[middle]! : (lags[middle - 1]! + lags[middle]!) / 2;
}

/** A value as indented JSON text (for <pre>, never HTML). */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A body that may be JSON: indented when it parses, as received otherwise. */
export function prettyBody(text: string | null | undefined): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Headers as "name: value" lines, sorted by name. */
export function headerLines(headers: Record<string, string | string[] | undefined>): string {
  return Object.keys(headers)
    .sort()
    .flatMap((name) => {
      const value = headers[name];
      return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => `${name}: ${v}`);
    })
    .join('\n');
}

export type Health = 'healthy' | 'failing' | 'paused' | 'new';

/** A subscription's health from its flags and, where known, its last day's attempts. */
export function healthOf(
  subscription: { disabled: boolean; failingSince: string | null },
  stats?: { attempts: number; failures: number },
): Health {
  if (subscription.disabled) return 'paused';
  if (subscription.failingSince) return 'failing';
  if (stats && stats.attempts === 0) return 'new';
  if (stats && stats.failures > stats.attempts / 2) return 'failing';
  return 'healthy';
}

/** A short id for tables: "del_01J…9XYZ" keeps the prefix and the last four characters. */
export function shortId(id: string): string {
  const underscore = id.indexOf('_');
  if (id.length <= 14 || underscore < 0) return id;
  return `${id.slice(0, underscore + 4)}…${id.slice(-4)}`;
}

/** Case-insensitive search over a subscription's URL, id, description, tenant and event filters. */
export function matchesSearch(
  subscription: { id: string; url: string; description: string | null; tenant?: string; events: string[] },
  search: string,
): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [
    subscription.id,
    subscription.url,
    subscription.description ?? '',
    subscription.tenant ?? '',
    ...subscription.events,
  ]
    .join(' ')
    .toLowerCase()
    .includes(needle);
}
