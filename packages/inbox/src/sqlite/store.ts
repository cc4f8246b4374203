import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WebhookConfigError } from '@hookwire/core';
import Database from 'better-sqlite3';
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
  InboxStore,
  NewInboxEvent,
  ProcessingOutcome,
  PurgeSelector,
  RequeueResult,
} from '../types.js';
import { GroupCommit } from './batcher.js';
import { migrate } from './schema.js';

type Db = Database.Database;

export interface SqliteInboxStoreOptions {
  /** The database file (created with its folder when missing), or `:memory:`. */
  path?: string;
  /**
   * An open better-sqlite3 database instead of `path`, e.g. the sender's (`sqliteStore.db`): the
   * inbox keeps to its own `inbox_*` tables. The store then leaves it open on `close()`.
   */
  database?: Db;
  /**
   * `normal` (default) survives a crash of the process, SIGKILL included (WAL mode); `full` also
   * survives a power loss, at the cost of an fsync per commit.
   */
  synchronous?: 'normal' | 'full';
  /** How long a writer waits for another process's lock (default 5000 ms). */
  busyTimeoutMs?: number;
}

type Row = EventRow<number, string>;
type AttemptRow = AttemptRowOf<number>;

const toEvent = (row: Row) => rowToEvent(row, (json) => JSON.parse(json));

function bodyBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

const DUE = `status = 'pending' AND next_attempt_at <= @now
  AND (order_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM inbox_events p WHERE p.order_key = e.order_key AND p.status = 'pending' AND p.seq < e.seq))`;

/**
 * The inbox on SQLite (better-sqlite3, WAL): the embedded default. One file, durable across
 * restarts; several processes may share it. Writes asked for together share one commit.
 */
export class SqliteInboxStore implements InboxStore {
  readonly db: Db;
  readonly #ownsDb: boolean;
  readonly #commit: GroupCommit;
  readonly #sql;
  readonly #lists = new Map<string, Database.Statement>();
  readonly #claimTx: Database.Transaction<(options: ClaimOptions) => ClaimedEvent[]>;

  constructor(options: SqliteInboxStoreOptions = {}) {
    if (options.database) {
      this.db = options.database;
      this.#ownsDb = false;
    } else {
      const path = options.path;
      if (!path)
        throw new WebhookConfigError(
          'createSqliteInboxStore: give `path` (a file, or ":memory:") or `database`.',
        );
      if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.#ownsDb = true;
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    }
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    migrate(this.db);
    this.#commit = new GroupCommit(this.db);
    const db = this.db;
    // Every bound LIMIT is `+@limit`: SQLite plans with the value of a plain `LIMIT @limit`, so it
    // would recompile the statement each time it is bound again.
    this.#sql = {
      insert: db.prepare(
        `INSERT INTO inbox_events (id, provider, name, delivery_id, dedupe_key, order_key, payload, meta, method, url, headers, body,
           received_at, status, attempts, next_attempt_at, updated_at)
         VALUES (@id, @provider, @name, @deliveryId, @dedupeKey, @orderKey, @payload, @meta, @method, @url, @headers, @body,
           @receivedAt, 'pending', 0, @receivedAt, @receivedAt)
         ON CONFLICT DO NOTHING`,
      ),
      candidates: db.prepare<{ now: number; limit: number }, { seq: number; provider: string }>(
        `SELECT seq, provider FROM inbox_events e WHERE ${DUE} ORDER BY seq LIMIT +@limit`,
      ),
      take: db.prepare<{ seq: number; lease: string; until: number }, Row>(
        'UPDATE inbox_events SET lease = @lease, next_attempt_at = @until WHERE seq = @seq RETURNING *',
      ),
      finish: db.prepare(
        `UPDATE inbox_events SET status = @status, attempts = attempts + 1, next_attempt_at = @nextAttemptAt,
           last_error = COALESCE(@error, last_error), processed_at = @processedAt, updated_at = @now, lease = NULL
         WHERE id = @id AND lease = @lease AND status = 'pending'`,
      ),
      insertAttempt: db.prepare(
        `INSERT INTO inbox_attempts (event_id, attempt, kind, started_at, duration_ms, error)
         VALUES (@eventId, @attempt, @kind, @startedAt, @durationMs, @error)`,
      ),
      replayed: db.prepare(
        `UPDATE inbox_events SET status = 'processed', processed_at = @now, updated_at = @now WHERE id = @id AND status = 'dead'`,
      ),
      get: db.prepare<[string], Row>('SELECT * FROM inbox_events WHERE id = ?'),
      attempts: db.prepare<[string], AttemptRow>(
        'SELECT * FROM inbox_attempts WHERE event_id = ? ORDER BY rowid',
      ),
      requeue: db.prepare<{ id: string; now: number }>(
        `UPDATE inbox_events SET status = 'pending', next_attempt_at = @now, lease = NULL, updated_at = @now
         WHERE id = @id AND status != 'processed' AND NOT (lease IS NOT NULL AND status = 'pending' AND next_attempt_at > @now)`,
      ),
      requeueDead: db.prepare<{ since: number; now: number }>(
        `UPDATE inbox_events SET status = 'pending', next_attempt_at = @now, lease = NULL, updated_at = @now
         WHERE status = 'dead' AND updated_at >= @since`,
      ),
      prune: db.prepare<{ before: number; limit: number }, { id: string }>(
        `DELETE FROM inbox_events WHERE seq IN (
           SELECT seq FROM inbox_events WHERE status = 'processed' AND processed_at < @before LIMIT +@limit) RETURNING id`,
      ),
      purge: db.prepare<
        { status: string | null; provider: string | null; before: number | null },
        { id: string }
      >(
        `DELETE FROM inbox_events WHERE seq IN (
           SELECT seq FROM inbox_events WHERE (@status IS NULL OR status = @status) AND (@provider IS NULL OR provider = @provider)
             AND (@before IS NULL OR received_at < @before) LIMIT 1000) RETURNING id`,
      ),
      deleteAttempts: db.prepare<[string]>(
        'DELETE FROM inbox_attempts WHERE event_id IN (SELECT value FROM json_each(?))',
      ),
    };
    this.#claimTx = db.transaction((options: ClaimOptions) => {
      const candidates = this.#sql.candidates.all({ now: options.now, limit: candidateCount(options) });
      const until = options.now + options.leaseMs;
      return pickClaimable(candidates, options).map(({ seq }) => {
        const lease = newLease();
        return { event: toEvent(this.#sql.take.get({ seq, lease, until })!), lease };
      });
    });
  }

  insert(events: readonly NewInboxEvent[]): Promise<boolean[]> {
    const rows = events.map((event) => ({
      id: event.id,
      provider: event.provider,
      name: event.name,
      deliveryId: event.deliveryId ?? null,
      dedupeKey: event.dedupeKey ?? null,
      orderKey: event.orderKey ?? null,
      payload: event.payload === undefined ? null : JSON.stringify(event.payload),
      meta: JSON.stringify(event.meta ?? {}),
      method: event.request.method,
      url: event.request.url,
      headers: JSON.stringify(event.request.headers),
      body: bodyBuffer(event.request.body),
      receivedAt: event.receivedAt,
    }));
    return this.#commit.write(() => rows.map((row) => this.#sql.insert.run(row).changes === 1));
  }

  async claim(options: ClaimOptions): Promise<ClaimedEvent[]> {
    return this.#claimTx.immediate(options);
  }

  finish(outcome: ProcessingOutcome): Promise<boolean> {
    const { attempt } = outcome;
    return this.#commit.write(() => {
      const changed =
        this.#sql.finish.run({
          id: outcome.id,
          lease: outcome.lease,
          status: outcome.status,
          nextAttemptAt: outcome.nextAttemptAt,
          error: attempt.error ?? null,
          processedAt: outcome.status === 'processed' ? outcome.now : null,
          now: outcome.now,
        }).changes === 1;
      if (changed) this.#sql.insertAttempt.run({ ...attempt, error: attempt.error ?? null });
      return changed;
    });
  }

  async recordReplay(attempt: InboxAttempt, processed: boolean, now: number): Promise<void> {
    await this.#commit.write(() => {
      if (!this.#sql.get.get(attempt.eventId)) return;
      this.#sql.insertAttempt.run({ ...attempt, error: attempt.error ?? null });
      if (processed) this.#sql.replayed.run({ id: attempt.eventId, now });
    });
  }

  async get(id: string): Promise<InboxEvent | undefined> {
    const row = this.#sql.get.get(id);
    return row && toEvent(row);
  }

  async attempts(id: string): Promise<InboxAttempt[]> {
    return this.#sql.attempts.all(id).map(toAttempt);
  }

  async list(query: InboxQuery): Promise<InboxPage> {
    const limit = pageLimit(query.limit);
    const params: Record<string, unknown> = { limit: limit + 1 };
    const where: string[] = [];
    const filter = (column: string, name: string, value: unknown, op = '=') => {
      if (value === undefined) return;
      where.push(`${column} ${op} @${name}`);
      params[name] = value;
    };
    filter('seq', 'cursor', query.cursor === undefined ? undefined : decodeCursor(query.cursor), '<');
    filter('provider', 'provider', query.provider);
    filter('name', 'name', query.name);
    filter('status', 'status', query.status);
    filter('received_at', 'since', query.since, '>=');
    filter('received_at', 'until', query.until, '<');
    const sql = `SELECT * FROM inbox_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT +@limit`;
    let statement = this.#lists.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#lists.set(sql, statement);
    }
    const rows = statement.all(params) as Row[];
    const page = rows.slice(0, limit);
    return {
      items: page.map(toEvent),
      nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.seq) : undefined,
    };
  }

  async requeue(id: string, now: number): Promise<RequeueResult> {
    return this.#commit.write(() => {
      if (this.#sql.requeue.run({ id, now }).changes === 1) return 'requeued';
      const row = this.#sql.get.get(id);
      return !row ? 'not_found' : row.status === 'processed' ? 'processed' : 'in_flight';
    });
  }

  requeueDead(since: number, now: number): Promise<number> {
    return this.#commit.write(() => this.#sql.requeueDead.run({ since, now }).changes);
  }

  async purge(selector: PurgeSelector): Promise<number> {
    const params = {
      status: selector.status ?? null,
      provider: selector.provider ?? null,
      before: selector.before ?? null,
    };
    let total = 0;
    for (;;) {
      const deleted = await this.#commit.write(() => this.#deleteWith(this.#sql.purge.all(params)));
      total += deleted;
      if (deleted < 1000) return total;
    }
  }

  prune(before: number, limit: number): Promise<number> {
    return this.#commit.write(() => this.#deleteWith(this.#sql.prune.all({ before, limit })));
  }

  #deleteWith(deleted: { id: string }[]): number {
    if (deleted.length > 0) this.#sql.deleteAttempts.run(JSON.stringify(deleted.map((row) => row.id)));
    return deleted.length;
  }

  async close(): Promise<void> {
    // Let writes already asked for commit before the file closes.
    await this.#commit.write(() => undefined);
    if (this.#ownsDb && this.db.open) this.db.close();
  }
}

/** The inbox store on SQLite: `createSqliteInboxStore({ path: '.data/hookwire.db' })`. */
export function createSqliteInboxStore(options: SqliteInboxStoreOptions): SqliteInboxStore {
  return new SqliteInboxStore(options);
}
