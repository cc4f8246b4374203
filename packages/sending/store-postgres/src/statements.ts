import { DELIVERY_COLUMNS } from './rows.js';

/**
 * The database's clock in ms, for the store's own background work (outbox claims and entry times,
 * scheduled retention): one clock for every process that shares the database. The methods of the
 * store contract never read a clock; the sender passes them its time.
 */
export const DATABASE_NOW_MS = '(extract(epoch from now()) * 1000)::bigint';

// A pending delivery whose lease has not expired is in flight: requeueing it would send it twice.
const NOT_IN_FLIGHT = `NOT (lease_token IS NOT NULL AND status = 'pending' AND next_attempt_at > $2)`;

/** Every statement of the store, for one schema (`s` is the quoted schema name). */
export function statements(s: string) {
  return {
    insertSubscription: `INSERT INTO ${s}.subscriptions (id, tenant, doc) VALUES ($1, $2, $3)`,
    // Creations of one tenant take turns (a transaction-scoped lock), so the count stays exact.
    lockTenant: `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
    countTenantSubscriptions: `SELECT count(*)::integer AS n FROM (
      SELECT 1 FROM ${s}.subscriptions WHERE tenant = $1 LIMIT $2) t`,
    getSubscription: `SELECT doc FROM ${s}.subscriptions WHERE id = $1`,
    lockSubscription: `SELECT doc FROM ${s}.subscriptions WHERE id = $1 FOR UPDATE`,
    updateSubscription: `UPDATE ${s}.subscriptions SET doc = $2 WHERE id = $1`,
    deleteSubscription: `DELETE FROM ${s}.subscriptions WHERE id = $1`,
    insertFilters: `INSERT INTO ${s}.subscription_filters (filter, subscription_id, tenant, disabled, payload_filter)
      SELECT f, $2, $3, $4, $5 FROM unnest($1::text[]) AS f ON CONFLICT DO NOTHING`,
    deleteFilters: `DELETE FROM ${s}.subscription_filters WHERE subscription_id = $1`,
    listSubscriptions: `SELECT doc FROM ${s}.subscriptions
      WHERE id > $1 AND ($2::text IS NULL OR tenant = $2) ORDER BY id LIMIT $3`,
    // Two statements rather than `$2 IS NULL OR tenant = $2`, so that each has its own plan and
    // a publish uses subscription_filters_by_tenant.
    findSubscriptions: `SELECT doc FROM ${s}.subscriptions WHERE id IN (
      SELECT subscription_id FROM ${s}.subscription_filters
      WHERE filter = ANY($1::text[]) AND NOT disabled) LIMIT $2`,
    findTenantSubscriptions: `SELECT doc FROM ${s}.subscriptions WHERE id IN (
      SELECT subscription_id FROM ${s}.subscription_filters
      WHERE tenant = $3 AND filter = ANY($1::text[]) AND NOT disabled) LIMIT $2`,

    // The lean look-ups of publish (findCandidates): id, tenant and the payload filter as JSON
    // text, all three in the filter row, so no document is read. DISTINCT ON: a subscription
    // registered under two of the filters (`*` and `order.*`) has a row for each.
    findCandidates: `SELECT DISTINCT ON (subscription_id) subscription_id AS id, tenant, payload_filter AS filter
      FROM ${s}.subscription_filters WHERE filter = ANY($1::text[]) AND NOT disabled
      ORDER BY subscription_id LIMIT $2`,
    findTenantCandidates: `SELECT DISTINCT ON (subscription_id) subscription_id AS id, tenant, payload_filter AS filter
      FROM ${s}.subscription_filters WHERE tenant = $3 AND filter = ANY($1::text[]) AND NOT disabled
      ORDER BY subscription_id LIMIT $2`,
    // A tenant's publish with `accepts`: its distinct payload filters first, then only the rows
    // without one or with one the event passes.
    tenantPayloadFilters: `SELECT DISTINCT payload_filter AS filter FROM ${s}.subscription_filters
      WHERE tenant = $2 AND filter = ANY($1::text[]) AND NOT disabled AND payload_filter IS NOT NULL LIMIT $3`,
    findAcceptedTenantCandidates: `SELECT DISTINCT ON (subscription_id) subscription_id AS id, tenant, payload_filter AS filter
      FROM ${s}.subscription_filters WHERE tenant = $3 AND filter = ANY($1::text[]) AND NOT disabled
        AND (payload_filter IS NULL OR payload_filter = ANY($4::text[]))
      ORDER BY subscription_id LIMIT $2`,

    putEventTypes: `INSERT INTO ${s}.event_types (name, doc) SELECT * FROM unnest($1::text[], $2::json[])
      ON CONFLICT (name) DO UPDATE SET doc = excluded.doc`,
    listEventTypes: `SELECT doc FROM ${s}.event_types ORDER BY name`,

    // One statement, so one transaction: the event and its deliveries, or nothing.
    insertEvent: `WITH e AS (
        INSERT INTO ${s}.events (scope, id, tenant, type, data, created_at, traceparent)
        VALUES (coalesce($2::text, ''), $1, $2::text, $3, $4, $5, $19::text)
        ON CONFLICT (scope, id) DO NOTHING RETURNING id
      ), d AS (
        INSERT INTO ${s}.deliveries (${DELIVERY_COLUMNS}, event_scope)
        SELECT u.*, coalesce($2::text, '') FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
          $12::integer[], $13::bigint[], $14::text[], $15::integer[], $16::text[], $17::bigint[], $18::bigint[]) AS u
        WHERE EXISTS (SELECT 1 FROM e)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM e)::integer AS created`,
    // The rest of a large fan-out, in the transaction insertEvent began.
    insertDeliveries: `INSERT INTO ${s}.deliveries (${DELIVERY_COLUMNS}, event_scope)
      SELECT u.*, coalesce($14::text, '') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
        $7::integer[], $8::bigint[], $9::text[], $10::integer[], $11::text[], $12::bigint[], $13::bigint[]) AS u`,
    // The same two for a publish's columns (insertFanOut): only ids, subscriptions and tenants
    // are arrays; the rest is the event's. $1 id, $2 tenant, $3 type, $4 data, $5 created_at,
    // $6 traceparent, $7..$9 the columns.
    insertFanOutEvent: `WITH e AS (
        INSERT INTO ${s}.events (scope, id, tenant, type, data, created_at, traceparent)
        VALUES (coalesce($2::text, ''), $1, $2::text, $3, $4, $5, $6::text)
        ON CONFLICT (scope, id) DO NOTHING RETURNING id
      ), d AS (
        INSERT INTO ${s}.deliveries (${DELIVERY_COLUMNS}, event_scope)
        SELECT u.id, $1, u.subscription_id, u.tenant, $3, 'pending', 0, $5, NULL, NULL, NULL, $5, $5, coalesce($2::text, '')
        FROM unnest($7::text[], $8::text[], $9::text[]) AS u(id, subscription_id, tenant)
        WHERE EXISTS (SELECT 1 FROM e)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM e)::integer AS created`,
    // $1 event id, $2 tenant, $3 type, $4 created_at, $5..$7 the columns.
    insertFanOutDeliveries: `INSERT INTO ${s}.deliveries (${DELIVERY_COLUMNS}, event_scope)
      SELECT u.id, $1, u.subscription_id, u.tenant, $3, 'pending', 0, $4, NULL, NULL, NULL, $4, $4, coalesce($2::text, '')
      FROM unnest($5::text[], $6::text[], $7::text[]) AS u(id, subscription_id, tenant)`,
    existingEvent: `SELECT id, tenant, type, data, created_at, traceparent,
      (SELECT count(*) FROM ${s}.deliveries WHERE event_scope = $2 AND event_id = $1)::integer AS deliveries
      FROM ${s}.events WHERE scope = $2 AND id = $1`,
    // $2: the event's scope, its tenant or '' for a broadcast.
    getEvent: `SELECT id, tenant, type, data, created_at, traceparent FROM ${s}.events WHERE scope = $2 AND id = $1`,
    getDelivery: `SELECT ${DELIVERY_COLUMNS} FROM ${s}.deliveries WHERE id = $1`,
    listDeliveries: `SELECT ${DELIVERY_COLUMNS} FROM ${s}.deliveries
      WHERE subscription_id = $1 AND ($2::text IS NULL OR id < $2) AND ($3::text IS NULL OR status = $3)
      ORDER BY id DESC LIMIT $4`,
    listAttempts: `SELECT * FROM ${s}.attempts WHERE delivery_id = $1 ORDER BY attempt, id`,
    loadJobs: `SELECT d.id, d.event_id, d.subscription_id, d.tenant, d.event_type, d.status, d.attempts,
        d.next_attempt_at, d.lease_token, d.last_status, d.last_error, d.created_at, d.updated_at,
        e.tenant AS e_tenant, e.type AS e_type, e.data AS e_data, e.created_at AS e_created_at,
        e.traceparent AS e_traceparent, s.doc AS s_doc
      FROM ${s}.deliveries d JOIN ${s}.events e ON e.scope = d.event_scope AND e.id = d.event_id
      LEFT JOIN ${s}.subscriptions s ON s.id = d.subscription_id
      WHERE d.id = ANY($1::text[])`,

    // Each record: the outcome on the delivery (only under its lease when one is given), and the
    // attempt row for the log when the outcome was applied. One statement for the whole batch.
    recordAttempts: `WITH input AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::integer[], $6::integer[],
          $7::text[], $8::bigint[], $9::text[], $10::integer[], $11::bigint[], $12::float8[], $13::integer[],
          $14::text[], $15::text[])
        AS t(id, lease_token, status, next_attempt_at, increment, last_status, last_error, updated_at,
          attempt_id, attempt, started_at, duration_ms, attempt_status, attempt_error, excerpt)
      ), updated AS (
        UPDATE ${s}.deliveries d SET status = i.status, next_attempt_at = i.next_attempt_at,
          attempts = d.attempts + i.increment, last_status = i.last_status, last_error = i.last_error,
          updated_at = i.updated_at, lease_token = NULL
        FROM input i WHERE d.id = i.id AND (i.lease_token IS NULL OR d.lease_token = i.lease_token)
        RETURNING d.id, d.subscription_id
      ), logged AS (
        INSERT INTO ${s}.attempts (id, delivery_id, attempt, started_at, duration_ms, status, error, response_excerpt, subscription_id)
        SELECT i.attempt_id, i.id, i.attempt, i.started_at, i.duration_ms, i.attempt_status, i.attempt_error, i.excerpt, u.subscription_id
        FROM input i JOIN updated u ON u.id = i.id WHERE i.attempt_id IS NOT NULL
      )
      SELECT id FROM updated`,

    requeueOne: `UPDATE ${s}.deliveries SET status = 'pending', next_attempt_at = $2, lease_token = NULL, updated_at = $2
      WHERE id = $1 AND ${NOT_IN_FLIGHT} RETURNING ${DELIVERY_COLUMNS}`,
    requeueFailedSince: `UPDATE ${s}.deliveries SET status = 'pending', next_attempt_at = $2, lease_token = NULL, updated_at = $2
      WHERE subscription_id = $1 AND status = 'failed' AND created_at >= $3 RETURNING ${DELIVERY_COLUMNS}`,
    requeueEvent: `UPDATE ${s}.deliveries SET status = 'pending', next_attempt_at = $2, lease_token = NULL, updated_at = $2
      WHERE event_scope = $4 AND event_id = $1 AND ($3::text IS NULL OR subscription_id = $3) AND ${NOT_IN_FLIGHT}
      RETURNING ${DELIVERY_COLUMNS}`,
    listDue: `SELECT ${DELIVERY_COLUMNS} FROM ${s}.deliveries WHERE status = 'pending' AND next_attempt_at <= $1
      ORDER BY next_attempt_at, id LIMIT $2`,

    // Workers on any number of machines: SKIP LOCKED lets each take different rows without waiting.
    claim: `UPDATE ${s}.deliveries d SET lease_token = $1, next_attempt_at = $2
      FROM (SELECT id FROM ${s}.deliveries
            WHERE status = 'pending' AND next_attempt_at <= $3 AND subscription_id <> ALL($4::text[])
            ORDER BY next_attempt_at LIMIT $5 FOR UPDATE SKIP LOCKED) c
      WHERE d.id = c.id RETURNING d.id`,
    release: `UPDATE ${s}.deliveries SET lease_token = NULL, next_attempt_at = $3 WHERE id = $1 AND lease_token = $2`,
    // Nearest-rank percentiles: the duration at rank ⌈p·n⌉ (integer arithmetic, as summariseAttempts).
    attemptStats: `WITH a AS (SELECT duration_ms, status FROM ${s}.attempts
        WHERE subscription_id = $1 AND started_at >= $2 AND started_at <= $3),
      r AS (SELECT duration_ms, row_number() OVER (ORDER BY duration_ms) AS rn FROM a),
      c AS (SELECT count(*)::integer AS n, count(*) FILTER (WHERE status >= 200 AND status < 300)::integer AS ok FROM a)
      SELECT c.n, c.ok,
        (SELECT duration_ms FROM r WHERE rn = greatest(1, (c.n * 50 + 99) / 100)) AS p50,
        (SELECT duration_ms FROM r WHERE rn = greatest(1, (c.n * 95 + 99) / 100)) AS p95,
        (SELECT duration_ms FROM r WHERE rn = greatest(1, (c.n * 99 + 99) / 100)) AS p99
      FROM c`,
    nextDue: `SELECT min(next_attempt_at) AS at FROM ${s}.deliveries WHERE status = 'pending'`,
  };
}

export type Statements = ReturnType<typeof statements>;
