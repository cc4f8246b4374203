import type { Delivery, DeliveryAttempt, StoredEvent } from '@hookwire/sender';

// `bigint` columns come back from pg as strings (they may exceed 2^53); ours are milliseconds.
type Int8 = string | number;

export interface DeliveryRow {
  id: string;
  event_id: string;
  subscription_id: string;
  tenant: string;
  event_type: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: Int8;
  lease_token: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Int8;
  updated_at: Int8;
}

export interface EventRow {
  id: string;
  tenant: string | null;
  type: string;
  data: unknown;
  created_at: Int8;
}

export interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: Int8;
  duration_ms: number;
  status: number | null;
  error: string | null;
  response_excerpt: string | null;
}

export const DELIVERY_COLUMNS =
  'id, event_id, subscription_id, tenant, event_type, status, attempts, next_attempt_at, lease_token, last_status, last_error, created_at, updated_at';

export function toDelivery(row: DeliveryRow): Delivery {
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

export function toEvent(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    id: row.id,
    type: row.type,
    data: row.data,
    createdAt: Number(row.created_at),
  };
  if (row.tenant !== null) event.tenant = row.tenant;
  return event;
}

export function toAttempt(row: AttemptRow): DeliveryAttempt {
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

/** Serialises a value for a `json` column: pg would send a JS array as a Postgres array. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** PostgreSQL text cannot hold NUL; a subscriber's response excerpt may contain one. */
export function text(value: string | undefined): string | null {
  return value === undefined ? null : value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value;
}
