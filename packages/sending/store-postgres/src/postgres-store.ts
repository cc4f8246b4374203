import { randomBytes } from 'node:crypto';
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
  PublishInput,
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
import pg from 'pg';
import { Batcher } from './batcher.js';
import { type FeatureStatements, featureStatements, PostgresDeliveryFeatures } from './delivery-features.js';
import { type OutboxClient, writeOutbox } from './outbox.js';
import { OutboxRelay, type OutboxRelayOptions, type PublishFunction } from './outbox-relay.js';
import { type PruneResult, prune } from './retention.js';
import {
  type AttemptRow,
  type DeliveryRow,
  type EventRow,
  jobEventRow,
  json,
  text,
  toAttempt,
  toDelivery,
  toEvent,
} from './rows.js';
import { migrate, quoteSchema } from './schema.js';
import { DATABASE_NOW_MS, type Statements, statements } from './statements.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`; or give `pool`. */
  connectionString?: string;
  /** An existing pg `Pool` (the store then leaves it open on `close()`). */
  pool?: pg.Pool;
  /** Extra pg `Pool` settings when the store creates the pool (`ssl`, `statement_timeout`, …). */
  poolConfig?: pg.PoolConfig;
  /** Connections in the pool the store creates (default 10). */
  max?: number;
  /** Schema holding the tables, created on start (default `hookwire`). Tests use one per run. */
  schema?: string;
  /** Delete attempts, and finished deliveries with their event payloads, older than this. */
  retention?: { maxAgeMs: number; intervalMs?: number };
  /** Errors of background work (idle pool connections, retention, the outbox relay). */
  onError?: (error: unknown) => void;
}

type LoadRow = DeliveryRow & {
  e_tenant: string | null;
  e_type: string;
  e_data: unknown;
  e_created_at: string;
  s_doc: Subscription | null;
};

/**
 * The PostgreSQL store of @hookwire/sender, and a delivery queue too (leases taken with
 * `FOR UPDATE SKIP LOCKED`); pair it with an external queue (BullMQ) by passing `queue` to the
 * sender. Create it with `createPostgresStore`, which runs the migrations before it resolves.
 */
export class PostgresStore implements SenderStore, DeliveryQueue {
  /** This store is also the delivery queue unless the sender is given another (BullMQ). */
  readonly queue: DeliveryQueue = this;
  readonly pool: pg.Pool;
  readonly schema: string;
  /** Resolves once the schema is migrated; every method waits for it. */
  readonly ready: Promise<void>;
  private readonly sql: Statements;
  private readonly ownsPool: boolean;
  private readonly names: string;
  private readonly onError: (error: unknown) => void;
  private readonly outcomes: Batcher<AttemptRecord, boolean>;
  private readonly relays = new Set<OutboxRelay>();
  private readonly features: PostgresDeliveryFeatures;
  private retentionTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: PostgresStoreOptions) {
    this.schema = options.schema ?? 'hookwire';
    const quoted = quoteSchema(this.schema);
    this.onError = options.onError ?? ((error) => console.error('[hookwire/store-postgres]', error));
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      if (!options.connectionString && !options.poolConfig) {
        throw new WebhookConfigError('createPostgresStore: give `connectionString`, `poolConfig` or `pool`.');
      }
      this.pool = new pg.Pool({
        max: options.max ?? 10,
        ...options.poolConfig,
        ...(options.connectionString ? { connectionString: options.connectionString } : {}),
      });
      this.ownsPool = true;
    }
    // An idle connection that the server drops (restart, failover) is reported here; without a
    // listener pg would crash the process. The pool replaces the connection on the next query.
    this.pool.on('error', (error) => this.onError(error));
    this.sql = statements(quoted);
    this.names = `hw:${this.schema}:`;
    const featureSql = featureStatements(quoted);
    this.features = new PostgresDeliveryFeatures(
      async <R extends object>(name: keyof FeatureStatements, values: unknown[]) => {
        await this.ready;
        const result = await this.pool.query({
          name: `${this.names}f:${name}`,
          text: featureSql[name],
          values,
        });
        return result.rows as R[];
      },
    );
    this.outcomes = new Batcher((records) => this.writeOutcomes(records));
    this.ready = migrate(this.pool, this.schema);
    // Callers await `ready` (or createPostgresStore); this only keeps an early failure from being unhandled.
    this.ready.catch(() => {});
    const retention = options.retention;
    if (retention) {
      if (!(retention.maxAgeMs > 0))
        throw new WebhookConfigError('createPostgresStore: `retention.maxAgeMs` must be > 0.');
      const run = () =>
        void this.pruneOlderThan(retention.maxAgeMs).catch((error) => {
          if (!this.closed) this.onError(error);
        });
      this.retentionTimer = setInterval(run, retention.intervalMs ?? 3_600_000);
      this.retentionTimer.unref();
    }
  }

  /** Runs one statement as a named prepared statement (parsed once per connection). */
  private async query<R extends pg.QueryResultRow>(
    name: keyof Statements,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    await this.ready;
    return this.pool.query<R>({ name: this.names + name, text: this.sql[name], values });
  }

  private async transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  // ----- subscriptions -----

  async insertSubscription(
    subscription: Subscription,
    options: { maxPerTenant?: number } = {},
  ): Promise<boolean> {
    const max = options.maxPerTenant;
    return this.transaction(async (client) => {
      if (max !== undefined) {
        await client.query(this.sql.lockTenant, [`${this.names}subscriptions:${subscription.tenant}`]);
        const { rows } = await client.query<{ n: number }>(this.sql.countTenantSubscriptions, [
          subscription.tenant,
          max,
        ]);
        if (rows[0]!.n >= max) return false;
      }
      await client.query(this.sql.insertSubscription, [
        subscription.id,
        subscription.tenant,
        json(subscription),
      ]);
      await this.indexFilters(client, subscription);
      return true;
    });
  }

  async getSubscription(id: string): Promise<Subscription | undefined> {
    const { rows } = await this.query<{ doc: Subscription }>('getSubscription', [id]);
    return rows[0]?.doc;
  }

  async updateSubscription(id: string, patch: SubscriptionPatch): Promise<Subscription | undefined> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ doc: Subscription }>(this.sql.lockSubscription, [id]);
      if (!rows[0]) return undefined;
      const next = { ...rows[0].doc, ...patch } as Subscription;
      for (const key of Object.keys(patch) as (keyof SubscriptionPatch)[]) {
        if (patch[key] === undefined) delete next[key];
      }
      await client.query(this.sql.updateSubscription, [id, json(next)]);
      await client.query(this.sql.deleteFilters, [id]);
      await this.indexFilters(client, next);
      return next;
    });
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query(this.sql.deleteFilters, [id]);
      return ((await client.query(this.sql.deleteSubscription, [id])).rowCount ?? 0) > 0;
    });
  }

  async listSubscriptions(query: SubscriptionQuery): Promise<Page<Subscription>> {
    const { rows } = await this.query<{ doc: Subscription }>('listSubscriptions', [
      query.cursor ?? '',
      query.tenant ?? null,
      query.limit + 1,
    ]);
    const items = rows.slice(0, query.limit).map((row) => row.doc);
    return rows.length > query.limit ? { items, nextCursor: items[items.length - 1]!.id } : { items };
  }

  async findSubscriptions(
    filters: readonly string[],
    tenant?: string,
    limit?: number,
  ): Promise<Subscription[]> {
    if (filters.length === 0) return [];
    const { rows } =
      tenant === undefined
        ? await this.query<{ doc: Subscription }>('findSubscriptions', [filters, limit ?? null])
        : await this.query<{ doc: Subscription }>('findTenantSubscriptions', [
            filters,
            limit ?? null,
            tenant,
          ]);
    return rows.map((row) => row.doc);
  }

  /**
   * See `SenderStore.findCandidates`: the filter rows are the candidates. For a tenant's publish
   * with `accepts`, its distinct payload filters are asked about first (one statement) and only the
   * rows without a filter or with one the event passes are read: 10,000 subscriptions of which 1 %
   * match cost about a hundred rows, not ten thousand.
   */
  async findCandidates(
    filters: readonly string[],
    tenant?: string,
    limit?: number,
    accepts?: (filter: PayloadFilter | string) => boolean,
  ): Promise<SubscriptionCandidate[]> {
    if (filters.length === 0) return [];
    if (tenant === undefined) {
      return (await this.query<SubscriptionCandidate>('findCandidates', [filters, limit ?? null])).rows;
    }
    if (accepts) {
      const { rows } = await this.query<{ filter: string }>('tenantPayloadFilters', [
        filters,
        tenant,
        MAX_DISTINCT_FILTERS + 1,
      ]);
      const passed = rows.filter((row) => accepts(row.filter)).map((row) => row.filter);
      // Past the bound, or when every filter passes, asking saves nothing: read every row.
      if (rows.length <= MAX_DISTINCT_FILTERS && passed.length < rows.length) {
        return (
          await this.query<SubscriptionCandidate>('findAcceptedTenantCandidates', [
            filters,
            limit ?? null,
            tenant,
            passed,
          ])
        ).rows;
      }
    }
    return (await this.query<SubscriptionCandidate>('findTenantCandidates', [filters, limit ?? null, tenant]))
      .rows;
  }

  private async indexFilters(client: pg.PoolClient, subscription: Subscription): Promise<void> {
    await client.query(this.sql.insertFilters, [
      subscription.events,
      subscription.id,
      subscription.tenant,
      subscription.disabled,
      subscription.filter == null ? null : JSON.stringify(subscription.filter),
    ]);
  }

  // ----- event types -----

  async putEventTypes(types: readonly EventType[]): Promise<void> {
    if (types.length === 0) return;
    // The last entry of a name wins, as with one upsert after another.
    const byName = new Map(types.map((type) => [type.name, type]));
    await this.query('putEventTypes', [[...byName.keys()], [...byName.values()].map(json)]);
  }

  async listEventTypes(): Promise<EventType[]> {
    const { rows } = await this.query<{ doc: EventType }>('listEventTypes', []);
    return rows.map((row) => row.doc);
  }

  // ----- events and deliveries -----

  async insertEvent(
    event: StoredEvent,
    deliveries: readonly Delivery[],
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    if (deliveries.length > FAN_OUT_CHUNK) return this.insertLargeEvent(event, deliveries);
    const { rows } = await this.query<{ created: number }>('insertEvent', eventValues(event, deliveries));
    if (rows[0]!.created === 1) return { created: true, event: { ...event }, deliveries: deliveries.length };
    return this.existingEvent(event);
  }

  /**
   * A large fan-out in one transaction, a chunk of deliveries per statement: the parameters of
   * 10,000 rows at once take the process tens of milliseconds to encode, and other requests wait.
   */
  private async insertLargeEvent(
    event: StoredEvent,
    deliveries: readonly Delivery[],
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    const created = await this.transaction(async (client) => {
      const first = deliveries.slice(0, FAN_OUT_CHUNK);
      const { rows } = await client.query<{ created: number }>({
        name: `${this.names}insertEvent`,
        text: this.sql.insertEvent,
        values: eventValues(event, first),
      });
      if (rows[0]!.created !== 1) return false;
      for (let start = FAN_OUT_CHUNK; start < deliveries.length; start += FAN_OUT_CHUNK) {
        const chunk = deliveries.slice(start, start + FAN_OUT_CHUNK);
        await client.query({
          name: `${this.names}insertDeliveries`,
          text: this.sql.insertDeliveries,
          values: [...deliveryColumns(chunk), event.tenant ?? null],
        });
      }
      return true;
    });
    return created
      ? { created, event: { ...event }, deliveries: deliveries.length }
      : this.existingEvent(event);
  }

  /**
   * See `SenderStore.insertFanOut`: three arrays a chunk instead of thirteen (less to encode per
   * delivery). Up to a chunk, one statement; a larger fan-out is one transaction, a chunk per
   * statement, as in `insertEvent`.
   */
  async insertFanOut(
    event: StoredEvent,
    columns: FanOutDeliveries,
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    const count = columns.ids.length;
    const head = [
      event.id,
      event.tenant ?? null,
      event.type,
      json(event.data),
      event.createdAt,
      event.traceparent ?? null,
      ...fanOutColumns(columns, 0, FAN_OUT_CHUNK),
    ];
    if (count <= FAN_OUT_CHUNK) {
      const { rows } = await this.query<{ created: number }>('insertFanOutEvent', head);
      if (rows[0]!.created === 1) return { created: true, event: { ...event }, deliveries: count };
      return this.existingEvent(event);
    }
    const created = await this.transaction(async (client) => {
      const { rows } = await client.query<{ created: number }>({
        name: `${this.names}insertFanOutEvent`,
        text: this.sql.insertFanOutEvent,
        values: head,
      });
      if (rows[0]!.created !== 1) return false;
      for (let start = FAN_OUT_CHUNK; start < count; start += FAN_OUT_CHUNK) {
        await client.query({
          name: `${this.names}insertFanOutDeliveries`,
          text: this.sql.insertFanOutDeliveries,
          values: [
            event.id,
            event.tenant ?? null,
            event.type,
            event.createdAt,
            ...fanOutColumns(columns, start, start + FAN_OUT_CHUNK),
          ],
        });
      }
      return true;
    });
    return created ? { created, event: { ...event }, deliveries: count } : this.existingEvent(event);
  }

  private async existingEvent(
    event: StoredEvent,
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    const existing = await this.query<EventRow & { deliveries: number }>('existingEvent', [
      event.id,
      event.tenant ?? '',
    ]);
    const row = existing.rows[0]!;
    return { created: false, event: toEvent(row), deliveries: row.deliveries };
  }

  async getEvent(id: string, tenant?: string): Promise<StoredEvent | undefined> {
    const { rows } = await this.query<EventRow>('getEvent', [id, tenant ?? '']);
    return rows[0] && toEvent(rows[0]);
  }

  async getDelivery(id: string): Promise<Delivery | undefined> {
    const { rows } = await this.query<DeliveryRow>('getDelivery', [id]);
    return rows[0] && toDelivery(rows[0]);
  }

  async listDeliveries(query: DeliveryQuery): Promise<Page<Delivery>> {
    const { rows } = await this.query<DeliveryRow>('listDeliveries', [
      query.subscriptionId,
      query.cursor ?? null,
      query.status ?? null,
      query.limit + 1,
    ]);
    const items = rows.slice(0, query.limit).map(toDelivery);
    return rows.length > query.limit ? { items, nextCursor: items[items.length - 1]!.id } : { items };
  }

  async listAttempts(deliveryId: string): Promise<DeliveryAttempt[]> {
    const { rows } = await this.query<AttemptRow>('listAttempts', [deliveryId]);
    return rows.map(toAttempt);
  }

  async loadJobs(deliveryIds: readonly string[]): Promise<DeliveryJob[]> {
    if (deliveryIds.length === 0) return [];
    const { rows } = await this.query<LoadRow>('loadJobs', [deliveryIds]);
    return rows.map((row) => {
      const job: DeliveryJob = {
        delivery: toDelivery(row),
        event: toEvent(jobEventRow(row)),
      };
      if (row.s_doc !== null) job.subscription = row.s_doc;
      return job;
    });
  }

  recordAttempts(records: readonly AttemptRecord[]): Promise<boolean[]> {
    return this.outcomes.add(records);
  }

  /** One statement per run of distinct deliveries (a delivery twice in one UPDATE is ambiguous). */
  private async writeOutcomes(records: AttemptRecord[]): Promise<boolean[]> {
    const results: boolean[] = [];
    let start = 0;
    while (start < records.length) {
      const seen = new Set<string>();
      let end = start;
      while (end < records.length && !seen.has(records[end]!.deliveryId))
        seen.add(records[end++]!.deliveryId);
      const chunk = records.slice(start, end);
      const attempt = <K extends keyof DeliveryAttempt>(key: K) => chunk.map((r) => r.attempt?.[key] ?? null);
      const { rows } = await this.query<{ id: string }>('recordAttempts', [
        chunk.map((r) => r.deliveryId),
        chunk.map((r) => r.leaseToken ?? null),
        chunk.map((r) => r.status),
        chunk.map((r) => r.nextAttemptAt),
        chunk.map((r) => (r.attempt ? 1 : 0)),
        chunk.map((r) => r.lastStatus ?? null),
        chunk.map((r) => text(r.lastError)),
        chunk.map((r) => r.updatedAt),
        attempt('id'),
        attempt('attempt'),
        attempt('startedAt'),
        attempt('durationMs'),
        attempt('status'),
        chunk.map((r) => text(r.attempt?.error)),
        chunk.map((r) => text(r.attempt?.responseExcerpt)),
      ]);
      const applied = new Set(rows.map((row) => row.id));
      for (const record of chunk) results.push(applied.has(record.deliveryId));
      start = end;
    }
    return results;
  }

  async requeueDeliveries(selector: RequeueSelector, now: number): Promise<Delivery[]> {
    const { rows } =
      'deliveryId' in selector
        ? await this.query<DeliveryRow>('requeueOne', [selector.deliveryId, now])
        : 'eventId' in selector
          ? await this.query<DeliveryRow>('requeueEvent', [
              selector.eventId,
              now,
              selector.subscriptionId ?? null,
              selector.eventTenant ?? '',
            ])
          : await this.query<DeliveryRow>('requeueFailedSince', [
              selector.subscriptionId,
              now,
              selector.since,
            ]);
    return rows.map(toDelivery).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async listDueDeliveries(before: number, limit: number): Promise<Delivery[]> {
    const { rows } = await this.query<DeliveryRow>('listDue', [before, limit]);
    return rows.map(toDelivery);
  }

  async attemptStats(subscriptionId: string, since: number, until: number): Promise<AttemptStats> {
    const { rows } = await this.query<{
      n: number;
      ok: number;
      p50: number | null;
      p95: number | null;
      p99: number | null;
    }>('attemptStats', [subscriptionId, since, until]);
    const row = rows[0]!;
    return {
      attempts: row.n,
      successes: row.ok,
      failures: row.n - row.ok,
      latencyMs: row.n === 0 ? null : { p50: row.p50!, p95: row.p95!, p99: row.p99! },
    };
  }

  // ----- the queue (when no external queue is paired) -----

  async schedule(): Promise<void> {
    // Delivery rows are the queue: their due time is already stored.
  }

  async claim(options: ClaimOptions): Promise<DeliveryLease[]> {
    const token = randomBytes(12).toString('base64url');
    const { rows } = await this.query<{ id: string }>('claim', [
      token,
      options.now + options.leaseMs,
      options.now,
      options.skipSubscriptions ? [...options.skipSubscriptions] : [],
      options.limit,
    ]);
    return rows.map((row) => ({ deliveryId: row.id, token }));
  }

  async release(lease: DeliveryLease, runAt: number): Promise<void> {
    await this.query('release', [lease.deliveryId, lease.token, runAt]);
  }

  async settle(): Promise<void> {
    // recordAttempts cleared the lease and stored the next due time.
  }

  async nextDueIn(now: number): Promise<number | undefined> {
    const { rows } = await this.query<{ at: string | null }>('nextDue', []);
    const at = rows[0]?.at;
    return at === null || at === undefined ? undefined : Math.max(0, Number(at) - now);
  }

  // ----- ordered subscriptions, rate limits, queue depth -----

  firstPendingDeliveries(subscriptionIds: readonly string[]): Promise<Delivery[]> {
    return this.features.firstPendingDeliveries(subscriptionIds);
  }

  /** One statement per batch: a bucket row per subscription, shared by every worker. */
  takeTokens(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]> {
    return this.features.takeTokens(requests, now);
  }

  promote(deliveryId: string, now: number): Promise<void> {
    return this.features.promote(deliveryId, now);
  }

  depth(now: number): Promise<QueueDepth> {
    return this.features.depth(now);
  }

  // ----- outbox and retention -----

  /**
   * Publishes inside the caller's own transaction: `client` is the pg client that ran `BEGIN`.
   * The event is written to the outbox with the caller's changes, so it exists if and only if
   * the transaction commits; a relay (`startOutboxRelay`) then publishes it through the sender,
   * woken by a NOTIFY that PostgreSQL delivers only on commit. Answers the event id (`webhook-id`).
   * Like `publish`, an event without `tenant` goes to the default tenant's subscriptions.
   */
  async publishWith(client: OutboxClient, input: PublishInput): Promise<{ id: string }> {
    await this.ready;
    return writeOutbox(client, quoteSchema(this.schema), this.outboxChannel, input);
  }

  /**
   * Hands committed outbox entries to `publish` (`(input) => sender.publish(input)`); run it in one
   * or more processes.
   */
  startOutboxRelay(publish: PublishFunction, options: OutboxRelayOptions = {}): OutboxRelay {
    if (typeof publish !== 'function') {
      throw new WebhookConfigError(
        'startOutboxRelay takes the publish function, e.g. store.startOutboxRelay((input) => sender.publish(input)).',
      );
    }
    const relay = new OutboxRelay({
      pool: this.pool,
      ready: this.ready,
      schema: quoteSchema(this.schema),
      channel: this.outboxChannel,
      publish,
      onError: this.onError,
      ...options,
    });
    this.relays.add(relay);
    relay.start();
    return relay;
  }

  private get outboxChannel(): string {
    return `hookwire_outbox_${this.schema}`.slice(0, 63);
  }

  /**
   * Deletes attempts logged before `before` (ms), outbox entries that failed before it, and
   * events created before it whose deliveries are all finished (with those deliveries).
   * Pending deliveries and their events are always kept.
   */
  async prune(before: number): Promise<PruneResult> {
    await this.ready;
    return prune(this.pool, quoteSchema(this.schema), before);
  }

  /** The scheduled retention: what is older than `maxAgeMs` by the database's clock. */
  private async pruneOlderThan(maxAgeMs: number): Promise<PruneResult> {
    await this.ready;
    const { rows } = await this.pool.query<{ before: string }>(`SELECT ${DATABASE_NOW_MS} - $1 AS before`, [
      maxAgeMs,
    ]);
    return this.prune(Number(rows[0]!.before));
  }

  /** Stops the relays and the retention timer; closes the pool when the store created it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.retentionTimer);
    await Promise.all([...this.relays].map((relay) => relay.stop()));
    await this.ready.catch(() => {});
    if (this.ownsPool) await this.pool.end();
  }
}

/** Connects, runs the migrations (safe from many processes at once) and resolves with the store. */
export async function createPostgresStore(options: PostgresStoreOptions | string): Promise<PostgresStore> {
  const store = new PostgresStore(typeof options === 'string' ? { connectionString: options } : options);
  try {
    await store.ready;
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}

/** Distinct payload filters of one publish asked about at most; past that, every row is read. */
const MAX_DISTINCT_FILTERS = 1000;

/** Deliveries written per statement in a large fan-out. */
const FAN_OUT_CHUNK = 500;

/** The thirteen delivery arrays of insertEvent and insertDeliveries, in DELIVERY_COLUMNS order. */
function deliveryColumns(deliveries: readonly Delivery[]): unknown[][] {
  const column = <K extends keyof Delivery>(key: K) => deliveries.map((d) => d[key] ?? null);
  return [
    column('id'),
    column('eventId'),
    column('subscriptionId'),
    column('tenant'),
    column('eventType'),
    column('status'),
    column('attempts'),
    column('nextAttemptAt'),
    column('leaseToken'),
    column('lastStatus'),
    deliveries.map((d) => text(d.lastError)),
    column('createdAt'),
    column('updatedAt'),
  ];
}

function fanOutColumns(columns: FanOutDeliveries, from: number, to: number): string[][] {
  return [
    columns.ids.slice(from, to),
    columns.subscriptionIds.slice(from, to),
    columns.tenants.slice(from, to),
  ];
}

function eventValues(event: StoredEvent, deliveries: readonly Delivery[]): unknown[] {
  return [
    event.id,
    event.tenant ?? null,
    event.type,
    json(event.data),
    event.createdAt,
    ...deliveryColumns(deliveries),
    event.traceparent ?? null,
  ];
}
