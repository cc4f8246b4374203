import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WebhookConfigError } from '@hookwire/core';
import type {
  AttemptRecord,
  AttemptStats,
  ClaimOptions,
  Delivery,
  DeliveryAttempt,
  DeliveryJob,
  DeliveryLease,
  DeliveryQuery,
  DeliveryQueue,
  EventType,
  FanOutDeliveries,
  Page,
  PayloadFilter,
  PruneResult,
  QueueDepth,
  RequeueSelector,
  SenderStore,
  StoredEvent,
  Subscription,
  SubscriptionCandidate,
  SubscriptionPatch,
  SubscriptionQuery,
  TokenGrant,
  TokenRequest,
} from '@hookwire/sender';
import {
  type AttemptRow,
  attemptFromRow,
  DELIVERY_COLUMNS,
  type DeliveryRow,
  deliveryFromRow,
  type EventRow,
  eventFromRow,
} from '@hookwire/sender/store-kit';
import Database from 'better-sqlite3';
import { WriteBatcher } from './batcher.js';
import { CandidateReader } from './candidates.js';
import { BackgroundCheckpointer } from './checkpointer.js';
import { SqliteDeliveryFeatures } from './delivery-features.js';
import { DeliveryPath } from './delivery-path.js';
import { migrate } from './schema.js';

type Db = Database.Database;

export interface SqliteStoreOptions {
  /** The database file (created with its folder when missing), or `:memory:`. */
  path?: string;
  /** An open better-sqlite3 database instead of `path`. */
  database?: Db;
  /**
   * `normal` (default) survives a crash of the process, SIGKILL included (WAL mode); `full` also
   * survives a power loss, at the cost of an fsync per transaction.
   */
  synchronous?: 'normal' | 'full';
  /** How long a writer waits for another process's lock (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * Deletes attempts, and finished deliveries with their events, older than `maxAgeMs`, every
   * `intervalMs` (default 1 h), in short batches that let deliveries go on.
   */
  retention?: { maxAgeMs: number; intervalMs?: number };
  /** Errors of background work (retention). Default: console.error. */
  onError?: (error: unknown) => void;
}

/** `data` is JSON text in SQLite. */
type SqliteEventRow = Omit<EventRow, 'data'> & { data: string };

const toEvent = (row: SqliteEventRow): StoredEvent => eventFromRow({ ...row, data: JSON.parse(row.data) });

// A pending delivery whose lease has not expired is in flight: requeueing it would send it twice.
/** Rows written (or subscriptions read) between two yields to the event loop in a large fan-out. */
const FAN_OUT_CHUNK = 500;
/** Rows written between two yields in a large fan-out (each a few ms of CPU at most). */
const WRITE_CHUNK = 250;

const NOT_IN_FLIGHT = `NOT (lease_token IS NOT NULL AND status = 'pending' AND next_attempt_at > @now)`;

/**
 * The embedded default store of @hookwire/sender: one SQLite file in WAL mode, durable across
 * restarts, and the delivery queue too (a delivery row carries its due time and lease). Writes
 * made in the same tick (publishes, attempt outcomes) share one transaction.
 */
export class SqliteStore implements SenderStore, DeliveryQueue {
  /** This store is also the delivery queue (a delivery row carries its due time and lease). */
  readonly queue: DeliveryQueue = this;
  readonly db: Db;
  private readonly batcher: WriteBatcher;
  private readonly path: DeliveryPath;
  private readonly statements;
  private readonly findStatements = new Map<string, Database.Statement>();
  private readonly features: SqliteDeliveryFeatures;
  private readonly candidates: CandidateReader;
  private retentionTimer: NodeJS.Timeout | undefined;
  private readonly checkpointer: BackgroundCheckpointer | undefined;
  private closed = false;

  constructor(options: SqliteStoreOptions) {
    if (options.database) this.db = options.database;
    else {
      const path = options.path;
      if (!path)
        throw new WebhookConfigError('createSqliteStore: give `path` (a file, or ":memory:") or `database`.');
      if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.pragma('foreign_keys = OFF');
    migrate(this.db);
    const path = options.database ? undefined : options.path;
    if (path && path !== ':memory:' && !path.startsWith('file:'))
      this.checkpointer = new BackgroundCheckpointer(this.db, path);
    this.batcher = new WriteBatcher(this.db);
    this.path = new DeliveryPath(this.db);
    this.features = new SqliteDeliveryFeatures(this.db);
    this.candidates = new CandidateReader(this.db);
    this.startRetention(options);
    const db = this.db;
    // `LIMIT +?`: SQLite would recompile a statement with `LIMIT ?` on every call (delivery-path.ts).
    this.statements = {
      insertSubscription: db.prepare('INSERT INTO subscriptions (id, tenant, doc) VALUES (?, ?, ?)'),
      countTenantSubscriptions: db.prepare<[string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM subscriptions WHERE tenant = ? LIMIT +?)',
      ),
      getSubscription: db.prepare<[string], { doc: string }>('SELECT doc FROM subscriptions WHERE id = ?'),
      updateSubscription: db.prepare('UPDATE subscriptions SET doc = ? WHERE id = ?'),
      deleteSubscription: db.prepare('DELETE FROM subscriptions WHERE id = ?'),
      insertFilter: db.prepare(
        'INSERT OR IGNORE INTO subscription_filters (filter, subscription_id, tenant, disabled, payload_filter) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteFilters: db.prepare('DELETE FROM subscription_filters WHERE subscription_id = ?'),
      listSubscriptions: db.prepare<
        { cursor: string; tenant: string | null; limit: number },
        { doc: string }
      >(
        'SELECT doc FROM subscriptions WHERE id > @cursor AND (@tenant IS NULL OR tenant = @tenant) ORDER BY id LIMIT +@limit',
      ),
      putEventType: db.prepare(
        'INSERT INTO event_types (name, doc) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET doc = excluded.doc',
      ),
      listEventTypes: db.prepare<[], { doc: string }>('SELECT doc FROM event_types ORDER BY name'),
      insertEvent: db.prepare(
        `INSERT OR IGNORE INTO events (scope, id, tenant, type, data, created_at, traceparent)
         VALUES (@scope, @id, @tenant, @type, @data, @createdAt, @traceparent)`,
      ),
      getEvent: db.prepare<[string, string], SqliteEventRow>(
        'SELECT id, tenant, type, data, created_at, traceparent FROM events WHERE scope = ? AND id = ?',
      ),
      countEventDeliveries: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM deliveries WHERE event_scope = ? AND event_id = ?',
      ),
      subscriptionDocs: db.prepare<[string], { doc: string }>(
        'SELECT doc FROM subscriptions WHERE id IN (SELECT value FROM json_each(?))',
      ),
      // Positional: named parameters would need an object per row of a fan-out of thousands.
      insertDelivery: db.prepare(
        `INSERT INTO deliveries (${DELIVERY_COLUMNS}, event_scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getDelivery: db.prepare<[string], DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`,
      ),
      listDeliveries: db.prepare<
        { subscriptionId: string; cursor: string | null; status: string | null; limit: number },
        DeliveryRow
      >(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = @subscriptionId
         AND (@cursor IS NULL OR id < @cursor) AND (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT +@limit`,
      ),
      listAttempts: db.prepare<[string], AttemptRow>(
        'SELECT * FROM attempts WHERE delivery_id = ? ORDER BY attempt, id',
      ),
      requeueOne: db.prepare<{ id: string; now: number }, DeliveryRow>(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = @now, lease_token = NULL, updated_at = @now
         WHERE id = @id AND ${NOT_IN_FLIGHT} RETURNING ${DELIVERY_COLUMNS}`,
      ),
      requeueFailedSince: db.prepare<{ subscriptionId: string; since: number; now: number }, DeliveryRow>(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = @now, lease_token = NULL, updated_at = @now
         WHERE subscription_id = @subscriptionId AND status = 'failed' AND created_at >= @since RETURNING ${DELIVERY_COLUMNS}`,
      ),
      requeueEvent: db.prepare<
        { eventScope: string; eventId: string; subscriptionId: string | null; now: number },
        DeliveryRow
      >(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = @now, lease_token = NULL, updated_at = @now
         WHERE event_scope = @eventScope AND event_id = @eventId AND (@subscriptionId IS NULL OR subscription_id = @subscriptionId) AND ${NOT_IN_FLIGHT}
         RETURNING ${DELIVERY_COLUMNS}`,
      ),
      listDue: db.prepare<{ before: number; limit: number }, DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE status = 'pending' AND next_attempt_at <= @before
         ORDER BY next_attempt_at, id LIMIT +@limit`,
      ),
      release: db.prepare(
        `UPDATE deliveries SET lease_token = NULL, next_attempt_at = @runAt WHERE id = @id AND lease_token = @token`,
      ),
      // Nearest-rank percentiles: the duration at rank ⌈p·n⌉ (integer arithmetic, as summariseAttempts).
      attemptStats: db.prepare<
        { id: string; since: number; until: number },
        { n: number; ok: number; p50: number | null; p95: number | null; p99: number | null }
      >(
        `WITH a AS (SELECT duration_ms, status FROM attempts
                    WHERE subscription_id = @id AND started_at >= @since AND started_at <= @until),
              r AS (SELECT duration_ms, row_number() OVER (ORDER BY duration_ms) AS rn FROM a),
              c AS (SELECT count(*) AS n, coalesce(sum(status >= 200 AND status < 300), 0) AS ok FROM a)
         SELECT c.n, c.ok,
           (SELECT duration_ms FROM r WHERE rn = max(1, (c.n * 50 + 99) / 100)) AS p50,
           (SELECT duration_ms FROM r WHERE rn = max(1, (c.n * 95 + 99) / 100)) AS p95,
           (SELECT duration_ms FROM r WHERE rn = max(1, (c.n * 99 + 99) / 100)) AS p99
         FROM c`,
      ),
      nextDue: db.prepare<[], { at: number | null }>(
        `SELECT MIN(next_attempt_at) AS at FROM deliveries WHERE status = 'pending'`,
      ),
    };
  }

  // ----- subscriptions -----

  async insertSubscription(
    subscription: Subscription,
    options: { maxPerTenant?: number } = {},
  ): Promise<boolean> {
    const max = options.maxPerTenant;
    await this.batcher.waitForLongWrite();
    return this.db.transaction(() => {
      if (
        max !== undefined &&
        this.statements.countTenantSubscriptions.get(subscription.tenant, max)!.n >= max
      )
        return false;
      this.statements.insertSubscription.run(
        subscription.id,
        subscription.tenant,
        JSON.stringify(subscription),
      );
      this.indexFilters(subscription);
      return true;
    })();
  }

  async getSubscription(id: string): Promise<Subscription | undefined> {
    const row = this.statements.getSubscription.get(id);
    return row && (JSON.parse(row.doc) as Subscription);
  }

  async updateSubscription(id: string, patch: SubscriptionPatch): Promise<Subscription | undefined> {
    await this.batcher.waitForLongWrite();
    return this.db
      .transaction(() => {
        const row = this.statements.getSubscription.get(id);
        if (!row) return undefined;
        const next = { ...(JSON.parse(row.doc) as Subscription), ...patch } as Subscription;
        for (const key of Object.keys(patch) as (keyof SubscriptionPatch)[]) {
          if (patch[key] === undefined) delete next[key];
        }
        this.statements.updateSubscription.run(JSON.stringify(next), id);
        this.statements.deleteFilters.run(id);
        this.indexFilters(next);
        return next;
      })
      .immediate();
  }

  async deleteSubscription(id: string): Promise<boolean> {
    await this.batcher.waitForLongWrite();
    return this.db.transaction(() => {
      this.statements.deleteFilters.run(id);
      return this.statements.deleteSubscription.run(id).changes > 0;
    })();
  }

  async listSubscriptions(query: SubscriptionQuery): Promise<Page<Subscription>> {
    const rows = this.statements.listSubscriptions.all({
      cursor: query.cursor ?? '',
      tenant: query.tenant ?? null,
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map((row) => JSON.parse(row.doc) as Subscription);
    return rows.length > query.limit ? { items, nextCursor: items[items.length - 1]!.id } : { items };
  }

  async findSubscriptions(
    filters: readonly string[],
    tenant?: string,
    limit?: number,
  ): Promise<Subscription[]> {
    if (filters.length === 0) return [];
    const key = `${filters.length}:${tenant === undefined ? 'all' : 'tenant'}`;
    let statement = this.findStatements.get(key);
    if (!statement) {
      // With a tenant, subscription_filters_by_tenant serves (tenant, filter) look-ups.
      statement = this.db.prepare(
        `SELECT DISTINCT subscription_id AS id FROM subscription_filters
         WHERE ${tenant === undefined ? '' : 'tenant = ? AND '}filter IN (${filters.map(() => '?').join(', ')}) AND disabled = 0
         LIMIT +?`,
      );
      this.findStatements.set(key, statement);
    }
    // LIMIT -1 is no limit in SQLite.
    const max = limit ?? -1;
    const ids = (
      tenant === undefined ? statement.all(...filters, max) : statement.all(tenant, ...filters, max)
    ) as { id: string }[];
    // The documents a chunk at a time, yielding in between: parsing thousands at once blocks the process.
    const found: Subscription[] = [];
    for (let start = 0; start < ids.length; start += FAN_OUT_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = ids.slice(start, start + FAN_OUT_CHUNK).map((row) => row.id);
      for (const row of this.statements.subscriptionDocs.all(JSON.stringify(chunk)))
        found.push(JSON.parse(row.doc) as Subscription);
    }
    return found;
  }

  /** See `SenderStore.findCandidates`: from the index rows alone (`CandidateReader`). */
  findCandidates(
    filters: readonly string[],
    tenant?: string,
    limit?: number,
    accepts?: (filter: PayloadFilter | string) => boolean,
  ): Promise<SubscriptionCandidate[]> {
    return this.candidates.find(filters, tenant, limit, accepts);
  }

  private indexFilters(subscription: Subscription): void {
    const payloadFilter = subscription.filter === undefined ? null : JSON.stringify(subscription.filter);
    for (const filter of subscription.events) {
      this.statements.insertFilter.run(
        filter,
        subscription.id,
        subscription.tenant,
        subscription.disabled ? 1 : 0,
        payloadFilter,
      );
    }
  }

  // ----- event types -----

  async putEventTypes(types: readonly EventType[]): Promise<void> {
    await this.batcher.waitForLongWrite();
    this.db.transaction(() => {
      for (const type of types) this.statements.putEventType.run(type.name, JSON.stringify(type));
    })();
  }

  async listEventTypes(): Promise<EventType[]> {
    return this.statements.listEventTypes.all().map((row) => JSON.parse(row.doc) as EventType);
  }

  // ----- events and deliveries -----

  insertEvent(
    event: StoredEvent,
    deliveries: readonly Delivery[],
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    const scope = event.tenant ?? '';
    return this.insertWith(event, deliveries.length, (from, to) =>
      this.insertDeliveryRows(scope, deliveries, from, to),
    );
  }

  /** See `SenderStore.insertFanOut`: the rows straight from the columns, no object per delivery. */
  insertFanOut(
    event: StoredEvent,
    columns: FanOutDeliveries,
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    return this.insertWith(event, columns.ids.length, (from, to) =>
      this.insertFanOutRows(event, columns, from, to),
    );
  }

  /**
   * The event and `count` deliveries (`writeRows(from, to)` writes `[from, to)`). A large fan-out
   * is still ONE transaction (all or nothing, so a crash never leaves an event with part of its
   * deliveries, which re-publishing the same id would not complete), written a chunk at a time
   * with the event loop running in between: 10,000 rows at once would block the process for a
   * tenth of a second or more. See `WriteBatcher.writeYielding` for what keeps its COMMIT short.
   */
  private insertWith(
    event: StoredEvent,
    count: number,
    writeRows: (from: number, to: number) => void,
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    if (count <= FAN_OUT_CHUNK) {
      return this.batcher.write(() => this.insertEventRows(event, count, () => writeRows(0, count)));
    }
    return this.batcher.writeYielding(async (pause) => {
      const result = this.insertEventRows(event, count, () => writeRows(0, WRITE_CHUNK));
      if (!result.created) return result;
      for (let start = WRITE_CHUNK; start < count; start += WRITE_CHUNK) {
        await pause();
        writeRows(start, Math.min(start + WRITE_CHUNK, count));
      }
      return result;
    });
  }

  /** The event, then `writeRows()`; nothing when the event exists. */
  private insertEventRows(
    event: StoredEvent,
    count: number,
    writeRows: () => void,
  ): { created: boolean; event: StoredEvent; deliveries: number } {
    const scope = event.tenant ?? '';
    const inserted = this.statements.insertEvent.run({
      scope,
      id: event.id,
      tenant: event.tenant ?? null,
      type: event.type,
      data: JSON.stringify(event.data),
      createdAt: event.createdAt,
      traceparent: event.traceparent ?? null,
    });
    if (inserted.changes === 0) {
      return {
        created: false,
        event: toEvent(this.statements.getEvent.get(scope, event.id)!),
        deliveries: this.statements.countEventDeliveries.get(scope, event.id)!.n,
      };
    }
    writeRows();
    return { created: true, event: { ...event }, deliveries: count };
  }

  private insertDeliveryRows(scope: string, deliveries: readonly Delivery[], from: number, to: number): void {
    const end = Math.min(to, deliveries.length);
    const insert = this.statements.insertDelivery;
    for (let i = from; i < end; i++) {
      const d = deliveries[i]!;
      insert.run(
        d.id,
        d.eventId,
        d.subscriptionId,
        d.tenant,
        d.eventType,
        d.status,
        d.attempts,
        d.nextAttemptAt,
        d.leaseToken ?? null,
        d.lastStatus ?? null,
        d.lastError ?? null,
        d.createdAt,
        d.updatedAt,
        scope,
      );
    }
  }

  private insertFanOutRows(event: StoredEvent, columns: FanOutDeliveries, from: number, to: number): void {
    const { ids, subscriptionIds, tenants } = columns;
    const insert = this.statements.insertDelivery;
    const scope = event.tenant ?? '';
    const at = event.createdAt;
    for (let i = from; i < Math.min(to, ids.length); i++) {
      insert.run(
        ids[i],
        event.id,
        subscriptionIds[i],
        tenants[i],
        event.type,
        'pending',
        0,
        at,
        null,
        null,
        null,
        at,
        at,
        scope,
      );
    }
  }

  async getEvent(id: string, tenant?: string): Promise<StoredEvent | undefined> {
    const row = this.statements.getEvent.get(tenant ?? '', id);
    return row && toEvent(row);
  }

  async getDelivery(id: string): Promise<Delivery | undefined> {
    const row = this.statements.getDelivery.get(id);
    return row && deliveryFromRow(row);
  }

  async listDeliveries(query: DeliveryQuery): Promise<Page<Delivery>> {
    const rows = this.statements.listDeliveries.all({
      subscriptionId: query.subscriptionId,
      cursor: query.cursor ?? null,
      status: query.status ?? null,
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(deliveryFromRow);
    return rows.length > query.limit ? { items, nextCursor: items[items.length - 1]!.id } : { items };
  }

  async listAttempts(deliveryId: string): Promise<DeliveryAttempt[]> {
    return this.statements.listAttempts.all(deliveryId).map(attemptFromRow);
  }

  async loadJobs(deliveryIds: readonly string[]): Promise<DeliveryJob[]> {
    if (deliveryIds.length === 0) return [];
    return this.path.jobs(deliveryIds);
  }

  recordAttempts(records: readonly AttemptRecord[]): Promise<boolean[]> {
    return this.batcher.write(() => this.path.record(records));
  }

  async requeueDeliveries(selector: RequeueSelector, now: number): Promise<Delivery[]> {
    const rows =
      'deliveryId' in selector
        ? this.statements.requeueOne.all({ id: selector.deliveryId, now })
        : 'eventId' in selector
          ? this.statements.requeueEvent.all({
              eventScope: selector.eventTenant ?? '',
              eventId: selector.eventId,
              subscriptionId: selector.subscriptionId ?? null,
              now,
            })
          : this.statements.requeueFailedSince.all({
              subscriptionId: selector.subscriptionId,
              since: selector.since,
              now,
            });
    return rows.map(deliveryFromRow).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async listDueDeliveries(before: number, limit: number): Promise<Delivery[]> {
    return this.statements.listDue.all({ before, limit }).map(deliveryFromRow);
  }

  async attemptStats(subscriptionId: string, since: number, until: number): Promise<AttemptStats> {
    await this.batcher.flush();
    const row = this.statements.attemptStats.get({ id: subscriptionId, since, until })!;
    return {
      attempts: row.n,
      successes: row.ok,
      failures: row.n - row.ok,
      latencyMs: row.n === 0 ? null : { p50: row.p50!, p95: row.p95!, p99: row.p99! },
    };
  }

  async firstPendingDeliveries(subscriptionIds: readonly string[]): Promise<Delivery[]> {
    await this.batcher.flush();
    return this.features.firstPendingDeliveries(subscriptionIds);
  }

  async takeTokens(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]> {
    return this.features.takeTokens(requests, now);
  }

  /** See `SenderStore.prune`: batches of 500 rows, each its own short transaction. */
  async prune(before: number): Promise<PruneResult> {
    await this.batcher.flush();
    return this.features.prune(before);
  }

  private startRetention(options: SqliteStoreOptions): void {
    const retention = options.retention;
    if (!retention) return;
    if (!(retention.maxAgeMs > 0))
      throw new WebhookConfigError('createSqliteStore: `retention.maxAgeMs` must be a number of ms above 0.');
    const onError = options.onError ?? ((error) => console.error('[hookwire/store-sqlite]', error));
    let running = false;
    const run = () => {
      if (running || this.closed) return;
      running = true;
      this.prune(Date.now() - retention.maxAgeMs)
        .catch((error) => {
          if (!this.closed) onError(error);
        })
        .finally(() => {
          running = false;
        });
    };
    this.retentionTimer = setInterval(run, retention.intervalMs ?? 3_600_000);
    this.retentionTimer.unref();
  }

  // ----- the queue -----

  async promote(deliveryId: string, now: number): Promise<void> {
    await this.batcher.flush();
    this.features.promote(deliveryId, now);
  }

  async depth(now: number): Promise<QueueDepth> {
    await this.batcher.flush();
    return this.features.depth(now);
  }

  async schedule(): Promise<void> {
    // Delivery rows are the queue: their due time is already stored.
  }

  /** Claims after the outcomes waiting to be written, in their transaction when there are some. */
  async claim(options: ClaimOptions): Promise<DeliveryLease[]> {
    const token = randomBytes(12).toString('base64url');
    const skip = options.skipSubscriptions?.size ? [...options.skipSubscriptions] : undefined;
    const ids = await this.batcher.writeWithWaiting(() =>
      this.path.claim(token, options.now + options.leaseMs, options.now, options.limit, skip),
    );
    return ids.map((deliveryId) => ({ deliveryId, token }));
  }

  async release(lease: DeliveryLease, runAt: number): Promise<void> {
    this.statements.release.run({ id: lease.deliveryId, token: lease.token, runAt });
  }

  async settle(): Promise<void> {
    // recordAttempts cleared the lease and stored the next due time.
  }

  async nextDueIn(now: number): Promise<number | undefined> {
    const { at } = this.statements.nextDue.get()!;
    return at === null ? undefined : Math.max(0, at - now);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.retentionTimer);
    await this.batcher.flush();
    await this.checkpointer?.close();
    this.db.close();
  }
}

export function createSqliteStore(options: SqliteStoreOptions | string): SqliteStore {
  return new SqliteStore(typeof options === 'string' ? { path: options } : options);
}
