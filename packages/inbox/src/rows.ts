import type { InboxAttempt, InboxEvent, InboxStatus } from './types.js';

/**
 * An `inbox_events` row as the SQL stores read it. `Num` is how the driver answers a number
 * (pg gives BIGINT as a string), `Json` how it answers a JSON column (SQLite as text).
 */
export interface EventRow<Num extends number | string, Json> {
  seq: Num;
  id: string;
  provider: string;
  name: string;
  delivery_id: string | null;
  dedupe_key: string | null;
  order_key: string | null;
  payload: Json | null;
  meta: Json;
  method: string;
  url: string;
  headers: Json;
  body: Buffer;
  received_at: Num;
  status: InboxStatus;
  attempts: number;
  next_attempt_at: Num;
  lease: string | null;
  last_error: string | null;
  processed_at: Num | null;
  updated_at: Num;
}

export interface AttemptRow<Num extends number | string> {
  event_id: string;
  attempt: number;
  kind: 'process' | 'replay';
  started_at: Num;
  duration_ms: number;
  error: string | null;
}

/** The event a row holds; `parse` reads a JSON column as the driver answers it. */
export function toEvent<Num extends number | string, Json>(
  row: EventRow<Num, Json>,
  parse: (json: Json) => unknown,
): InboxEvent {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    deliveryId: row.delivery_id ?? undefined,
    dedupeKey: row.dedupe_key ?? undefined,
    orderKey: row.order_key ?? undefined,
    payload: row.payload === null ? undefined : parse(row.payload),
    meta: parse(row.meta) as InboxEvent['meta'],
    request: {
      method: row.method,
      url: row.url,
      headers: parse(row.headers) as InboxEvent['request']['headers'],
      body: row.body,
    },
    receivedAt: Number(row.received_at),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error ?? undefined,
    processedAt: row.processed_at === null ? undefined : Number(row.processed_at),
    updatedAt: Number(row.updated_at),
  };
}

export function toAttempt(row: AttemptRow<number | string>): InboxAttempt {
  return {
    eventId: row.event_id,
    attempt: row.attempt,
    kind: row.kind,
    startedAt: Number(row.started_at),
    durationMs: row.duration_ms,
    error: row.error ?? undefined,
  };
}
