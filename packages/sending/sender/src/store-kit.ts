/**
 * `@hookwire/sender/store-kit`: for authors of SQL stores. The row shapes the database stores
 * share (snake_case columns, NULL for absent fields) and their mapping to the sender's records,
 * with absent fields left out rather than undefined. The SQLite and PostgreSQL stores use it.
 */
import type { AttemptStats, FanOutDeliveries } from './store.js';
import type { Delivery, DeliveryAttempt, StoredEvent } from './types.js';

export { burstOf, type GcraStep, gcra } from './rate-limit.js';

/** Milliseconds since the epoch: pg returns `bigint` columns as strings (they may exceed 2^53). */
type Millis = number | string;

export interface DeliveryRow {
  id: string;
  event_id: string;
  subscription_id: string;
  tenant: string;
  event_type: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: Millis;
  lease_token: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

/** An event row whose `data` column is already decoded. */
export interface EventRow {
  id: string;
  tenant: string | null;
  type: string;
  data: unknown;
  created_at: Millis;
  /** The publish's W3C traceparent (schema versions that keep it). */
  traceparent?: string | null;
}

export interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: Millis;
  duration_ms: number;
  status: number | null;
  error: string | null;
  response_excerpt: string | null;
}

/** The columns of `DeliveryRow`, in insert order. */
export const DELIVERY_COLUMNS =
  'id, event_id, subscription_id, tenant, event_type, status, attempts, next_attempt_at, lease_token, last_status, last_error, created_at, updated_at';

export function deliveryFromRow(row: DeliveryRow): Delivery {
  const delivery: Delivery = {
    id: row.id,
    eventId: row.event_id,
    subscriptionId: row.subscription_id,
    tenant: row.tenant,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
  if (row.lease_token !== null) delivery.leaseToken = row.lease_token;
  if (row.last_status !== null) delivery.lastStatus = row.last_status;
  if (row.last_error !== null) delivery.lastError = row.last_error;
  return delivery;
}

export function eventFromRow(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    id: row.id,
    type: row.type,
    data: row.data,
    createdAt: Number(row.created_at),
  };
  if (row.tenant !== null) event.tenant = row.tenant;
  if (row.traceparent) event.traceparent = row.traceparent;
  return event;
}

export function attemptFromRow(row: AttemptRow): DeliveryAttempt {
  const attempt: DeliveryAttempt = {
    id: row.id,
    deliveryId: row.delivery_id,
    attempt: row.attempt,
    startedAt: Number(row.started_at),
    durationMs: row.duration_ms,
  };
  if (row.status !== null) attempt.status = row.status;
  if (row.error !== null) attempt.error = row.error;
  if (row.response_excerpt !== null) attempt.responseExcerpt = row.response_excerpt;
  return attempt;
}

/** The event columns of a job row: deliveries joined with their event, whose columns carry `e_`. */
export interface JobEventColumns<Data = unknown> {
  event_id: string;
  e_tenant: string | null;
  e_type: string;
  e_data: Data;
  e_created_at: Millis;
  e_traceparent?: string | null;
}

/** The event row inside a job row (`data` still as the database returned it). */
export function jobEventRow<Data>(row: JobEventColumns<Data>): Omit<EventRow, 'data'> & { data: Data } {
  return {
    id: row.event_id,
    tenant: row.e_tenant,
    type: row.e_type,
    data: row.e_data,
    created_at: row.e_created_at,
    traceparent: row.e_traceparent ?? null,
  };
}

/**
 * `AttemptStats` of a list of attempts, for stores that compute them in JavaScript: 2xx counts as
 * a success; percentiles are nearest-rank (rank ⌈p·n⌉ of the ascending durations).
 */
export function summariseAttempts(
  attempts: readonly { status?: number; durationMs: number }[],
): AttemptStats {
  const successes = attempts.filter(
    (a) => a.status !== undefined && a.status >= 200 && a.status < 300,
  ).length;
  const sorted = attempts.map((a) => a.durationMs).sort((a, b) => a - b);
  // ⌈p·n⌉ with p in percent, in integers: no floating-point rounding at exact ranks.
  const rank = (percent: number) => sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1]!;
  return {
    attempts: attempts.length,
    successes,
    failures: attempts.length - successes,
    latencyMs: sorted.length === 0 ? null : { p50: rank(50), p95: rank(95), p99: rank(99) },
  };
}

/** The delivery objects of a publish's columns (see `SenderStore.insertFanOut`), `[from, to)`. */
export function fanOutDeliveries(
  event: StoredEvent,
  columns: FanOutDeliveries,
  from = 0,
  to = columns.ids.length,
): Delivery[] {
  const { ids, subscriptionIds, tenants } = columns;
  const at = event.createdAt;
  const deliveries: Delivery[] = [];
  for (let i = from; i < Math.min(to, ids.length); i++) {
    deliveries.push({
      id: ids[i]!,
      eventId: event.id,
      subscriptionId: subscriptionIds[i]!,
      tenant: tenants[i]!,
      eventType: event.type,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
    });
  }
  return deliveries;
}
