import { WebhookConfigError } from '@hookwire/core';
import pg from 'pg';
import { Batcher } from '../batcher.js';
import { candidateCount, pickClaimable } from '../claim-picker.js';
import { newLease } from '../ids.js';
import { decodeCursor, encodeCursor, pageLimit } from '../paging.js';
import { type AttemptRow as AttemptRowOf, type EventRow, toEvent as rowToEvent, toAttempt } from '../rows.js';
import type {
  ClaimedEvent,
  ClaimOptions,
  InboxAttempt,
  InboxEvent,
  InboxPage,
  InboxQuery,
  InboxStatus,
  InboxStore,
  NewInboxEvent,
  ProcessingOutcome,
  PurgeSelector,
  RequeueResult,
} from '../types.js';
import { migrate, quoteSchema } from './schema.js';

export interface PostgresInboxStoreOptions {
  /** `postgres://user:password@host:5432/database`; or give `pool`. */
  connectionString?: string;
  /** An existing pg `Pool` (e.g. the sender store's); the store then leaves it open on `close()`. */
  pool?: pg.Pool;
  /** Extra pg `Pool` settings when the store creates the pool (`ssl`, `statement_timeout`, …). */
  poolConfig?: pg.PoolConfig;
  /** Connections in the pool the store creates (default 10). */
  max?: number;
  /** Schema of the `inbox_*` tables, created on start (default `hookwire`, shared with the sender). */
  schema?: string;
}

type Row = EventRow<string, unknown>;
type AttemptRow = AttemptRowOf<string>;

const toEvent = (row: Row) => rowToEvent(row, (json) => json);

function bodyBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * The inbox on PostgreSQL: any number of processes share it; claims take events with
 * `FOR UPDATE SKIP LOCKED`, so two workers never hold one event. Create it with
 * `createPostgresInboxStore`, which runs the migrations before it resolves.
 */
export class PostgresInboxStore implements InboxStore {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly #ownsPool: boolean;
  readonly #t: string;
  readonly #a: string;
  readonly #inserts: Batcher<NewInboxEvent, boolean>;
  readonly #outcomes: Batcher<ProcessingOutcome, boolean>;

  constructor(options: PostgresInboxStoreOptions) {
    this.schema = options.schema ?? 'hookwire';
    const quoted = quoteSchema(this.schema);
    this.#t = `${quoted}.inbox_events`;
    this.#a = `${quoted}.inbox_attempts`;
    if (options.pool) {
      this.pool = options.pool;
      this.#ownsPool = false;
    } else {
      if (!options.connectionString && !options.poolConfig) {
        throw new WebhookConfigError(
          'createPostgresInboxStore: give `connectionString` (postgres://…) or `pool`.',
        );
      }
      this.pool = new pg.Pool({
        connectionString: options.connectionString,
        max: options.max ?? 10,
        ...options.poolConfig,
      });
      // An idle connection that drops must not crash the process; the next query reconnects.
      this.pool.on('error', () => {});
      this.#ownsPool = true;
    }
    this.#inserts = new Batcher((events) => this.#insertNow(events));
    this.#outcomes = new Batcher((outcomes) => this.#finishNow(outcomes));
  }

  /** Runs the migrations; `createPostgresInboxStore` calls it. */
  async migrate(): Promise<void> {
    await migrate(this.pool, this.schema);
  }

  insert(events: readonly NewInboxEvent[]): Promise<boolean[]> {
    return this.#inserts.add(events);
  }

  async #insertNow(events: NewInboxEvent[]): Promise<boolean[]> {
    const column = <T>(pick: (event: NewInboxEvent) => T) => events.map(pick);
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO ${this.#t} (id, provider, name, delivery_id, dedupe_key, order_key, payload, meta, method, url, headers, body,
         received_at, status, attempts, next_attempt_at, updated_at)
       SELECT id, provider, name, delivery_id, dedupe_key, order_key, payload::json, meta::json, method, url, headers::json, body,
         received_at, 'pending', 0, received_at, received_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::bytea[], $13::bigint[])
         WITH ORDINALITY AS t(id, provider, name, delivery_id, dedupe_key, order_key, payload, meta, method, url, headers, body, received_at, ord)
       ORDER BY ord
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        column((e) => e.id),
        column((e) => e.provider),
        column((e) => e.name),
        column((e) => e.deliveryId ?? null),
        column((e) => e.dedupeKey ?? null),
        column((e) => e.orderKey ?? null),
        column((e) => (e.payload === undefined ? null : JSON.stringify(e.payload))),
        column((e) => JSON.stringify(e.meta ?? {})),
        column((e) => e.request.method),
        column((e) => e.request.url),
        column((e) => JSON.stringify(e.request.headers)),
        column((e) => bodyBuffer(e.request.body)),
        column((e) => e.receivedAt),
      ],
    );
    const stored = new Set(rows.map((row) => row.id));
    return events.map((event) => stored.has(event.id));
  }

  async claim(options: ClaimOptions): Promise<ClaimedEvent[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: candidates } = await client.query<{ seq: string; provider: string }>(
        `SELECT seq, provider FROM ${this.#t} e
         WHERE status = 'pending' AND next_attempt_at <= $1
           AND (order_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM ${this.#t} p WHERE p.order_key = e.order_key AND p.status = 'pending' AND p.seq < e.seq))
         ORDER BY seq LIMIT $2 FOR UPDATE OF e SKIP LOCKED`,
        [options.now, candidateCount(options)],
      );
      const picked = pickClaimable(candidates, options);
      let rows: Row[] = [];
      if (picked.length > 0) {
        const leases = picked.map(() => newLease());
        ({ rows } = await client.query<Row>(
          `UPDATE ${this.#t} e SET lease = c.lease, next_attempt_at = $3
           FROM unnest($1::bigint[], $2::text[]) AS c(seq, lease) WHERE e.seq = c.seq RETURNING e.*`,
          [picked.map((c) => c.seq), leases, options.now + options.leaseMs],
        ));
      }
      await client.query('COMMIT');
      rows.sort((a, b) => Number(a.seq) - Number(b.seq));
      return rows.map((row) => ({ event: toEvent(row), lease: row.lease! }));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async finish(outcome: ProcessingOutcome): Promise<boolean> {
    const [result] = await this.#outcomes.add([outcome]);
    return result!;
  }

  async #finishNow(outcomes: ProcessingOutcome[]): Promise<boolean[]> {
    const column = <T>(pick: (outcome: ProcessingOutcome) => T) => outcomes.map(pick);
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH o AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::integer[],
           $8::text[], $9::bigint[], $10::float8[]) AS o(id, lease, status, next_attempt_at, error, now, attempt, kind, started_at, duration_ms)
       ), u AS (
         UPDATE ${this.#t} e SET status = o.status, attempts = e.attempts + 1, next_attempt_at = o.next_attempt_at,
           last_error = COALESCE(o.error, e.last_error), updated_at = o.now, lease = NULL,
           processed_at = CASE WHEN o.status = 'processed' THEN o.now ELSE e.processed_at END
         FROM o WHERE e.id = o.id AND e.lease = o.lease AND e.status = 'pending' RETURNING e.id
       ), a AS (
         INSERT INTO ${this.#a} (event_id, attempt, kind, started_at, duration_ms, error)
         SELECT o.id, o.attempt, o.kind, o.started_at, o.duration_ms, o.error FROM o WHERE o.id IN (SELECT id FROM u)
       )
       SELECT id FROM u`,
      [
        column((o) => o.id),
        column((o) => o.lease),
        column((o) => o.status),
        column((o) => o.nextAttemptAt),
        column((o) => o.attempt.error ?? null),
        column((o) => o.now),
        column((o) => o.attempt.attempt),
        column((o) => o.attempt.kind),
        column((o) => o.attempt.startedAt),
        column((o) => o.attempt.durationMs),
      ],
    );
    const recorded = new Set(rows.map((row) => row.id));
    return outcomes.map((outcome) => recorded.has(outcome.id));
  }

  async recordReplay(attempt: InboxAttempt, processed: boolean, now: number): Promise<void> {
    await this.pool.query(
      `WITH a AS (
         INSERT INTO ${this.#a} (event_id, attempt, kind, started_at, duration_ms, error)
         SELECT id, $2, 'replay', $3, $4, $5 FROM ${this.#t} WHERE id = $1
       )
       UPDATE ${this.#t} SET status = 'processed', processed_at = $6, updated_at = $6
       WHERE id = $1 AND status = 'dead' AND $7`,
      [
        attempt.eventId,
        attempt.attempt,
        attempt.startedAt,
        attempt.durationMs,
        attempt.error ?? null,
        now,
        processed,
      ],
    );
  }

  async get(id: string): Promise<InboxEvent | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.#t} WHERE id = $1`, [id]);
    return rows[0] && toEvent(rows[0]);
  }

  async attempts(id: string): Promise<InboxAttempt[]> {
    const { rows } = await this.pool.query<AttemptRow>(
      `SELECT * FROM ${this.#a} WHERE event_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map(toAttempt);
  }

  async list(query: InboxQuery): Promise<InboxPage> {
    const limit = pageLimit(query.limit);
    const params: unknown[] = [];
    const where: string[] = [];
    const filter = (column: string, value: unknown, op = '=') => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} ${op} $${params.length}`);
    };
    filter('seq', query.cursor === undefined ? undefined : decodeCursor(query.cursor), '<');
    filter('provider', query.provider);
    filter('name', query.name);
    filter('status', query.status);
    filter('received_at', query.since, '>=');
    filter('received_at', query.until, '<');
    params.push(limit + 1);
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM ${this.#t} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(toEvent),
      nextCursor: rows.length > limit ? encodeCursor(Number(page.at(-1)!.seq)) : undefined,
    };
  }

  async requeue(id: string, now: number): Promise<RequeueResult> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.#t} SET status = 'pending', next_attempt_at = $2, lease = NULL, updated_at = $2
       WHERE id = $1 AND status != 'processed' AND NOT (lease IS NOT NULL AND status = 'pending' AND next_attempt_at > $2)`,
      [id, now],
    );
    if (rowCount === 1) return 'requeued';
    const { rows } = await this.pool.query<{ status: InboxStatus }>(
      `SELECT status FROM ${this.#t} WHERE id = $1`,
      [id],
    );
    return !rows[0] ? 'not_found' : rows[0].status === 'processed' ? 'processed' : 'in_flight';
  }

  async requeueDead(since: number, now: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.#t} SET status = 'pending', next_attempt_at = $2, lease = NULL, updated_at = $2
       WHERE status = 'dead' AND updated_at >= $1`,
      [since, now],
    );
    return rowCount ?? 0;
  }

  async #deleteBatch(condition: string, params: unknown[], limit: number): Promise<number> {
    params.push(limit);
    const { rows } = await this.pool.query<{ n: number }>(
      `WITH d AS (
         DELETE FROM ${this.#t} WHERE seq IN (SELECT seq FROM ${this.#t} WHERE ${condition} LIMIT $${params.length}) RETURNING id
       ), a AS (DELETE FROM ${this.#a} WHERE event_id IN (SELECT id FROM d))
       SELECT count(*)::int AS n FROM d`,
      params,
    );
    return rows[0]?.n ?? 0;
  }

  async purge(selector: PurgeSelector): Promise<number> {
    const condition =
      '($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR provider = $2) AND ($3::bigint IS NULL OR received_at < $3)';
    let total = 0;
    for (;;) {
      const deleted = await this.#deleteBatch(
        condition,
        [selector.status ?? null, selector.provider ?? null, selector.before ?? null],
        1000,
      );
      total += deleted;
      if (deleted < 1000) return total;
    }
  }

  prune(before: number, limit: number): Promise<number> {
    return this.#deleteBatch(`status = 'processed' AND processed_at < $1`, [before], limit);
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.pool.end();
  }
}

/** The inbox store on PostgreSQL; resolves once its tables exist. */
export async function createPostgresInboxStore(
  options: PostgresInboxStoreOptions,
): Promise<PostgresInboxStore> {
  const store = new PostgresInboxStore(options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
