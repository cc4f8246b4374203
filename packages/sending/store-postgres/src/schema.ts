import { WebhookConfigError } from '@hookwire/core';
import type { Pool } from 'pg';

/**
 * Each entry is one schema version, applied in one transaction. `{schema}` is replaced by the
 * quoted schema name. Subscriptions and event types are JSON documents (read whole); what is
 * searched or updated in place has its own column and index:
 * - `subscription_filters` is the matching index, one row per (filter, subscription): publishing
 *   looks up core's few `candidateFilters(type)` instead of scanning subscriptions;
 * - `deliveries_due` (partial, pending only) serves the queue's claim and `listDueDeliveries`;
 * - `outbox` holds events published inside an application's own transaction until the relay
 *   turns them into events and deliveries.
 * `json` rather than `jsonb`: event data keeps its key order and any escape it had.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE {schema}.subscriptions (
    id text PRIMARY KEY,
    tenant text NOT NULL,
    doc json NOT NULL
  );
  CREATE INDEX subscriptions_by_tenant ON {schema}.subscriptions (tenant, id);

  CREATE TABLE {schema}.subscription_filters (
    filter text NOT NULL,
    subscription_id text NOT NULL,
    tenant text NOT NULL,
    disabled boolean NOT NULL,
    PRIMARY KEY (filter, subscription_id)
  );
  CREATE INDEX subscription_filters_by_subscription ON {schema}.subscription_filters (subscription_id);

  CREATE TABLE {schema}.event_types (
    name text PRIMARY KEY,
    doc json NOT NULL
  );

  CREATE TABLE {schema}.events (
    id text PRIMARY KEY,
    tenant text,
    type text NOT NULL,
    data json NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE INDEX events_by_created_at ON {schema}.events (created_at);

  CREATE TABLE {schema}.deliveries (
    id text PRIMARY KEY,
    event_id text NOT NULL,
    subscription_id text NOT NULL,
    tenant text NOT NULL,
    event_type text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at bigint NOT NULL,
    lease_token text,
    last_status integer,
    last_error text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
  );
  CREATE INDEX deliveries_due ON {schema}.deliveries (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX deliveries_by_subscription ON {schema}.deliveries (subscription_id, id);
  CREATE INDEX deliveries_by_event ON {schema}.deliveries (event_id);

  CREATE TABLE {schema}.attempts (
    id text PRIMARY KEY,
    delivery_id text NOT NULL,
    attempt integer NOT NULL,
    started_at bigint NOT NULL,
    duration_ms double precision NOT NULL,
    status integer,
    error text,
    response_excerpt text
  );
  CREATE INDEX attempts_by_delivery ON {schema}.attempts (delivery_id, attempt);
  CREATE INDEX attempts_by_started_at ON {schema}.attempts (started_at);

  CREATE TABLE {schema}.outbox (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    tenant text,
    type text NOT NULL,
    data json NOT NULL,
    created_at bigint NOT NULL,
    claimed_until bigint NOT NULL DEFAULT 0,
    error text
  );
  `,
  // Version 2: event ids are unique per tenant. An event is keyed by (scope, id), the scope being
  // its tenant ('' for a broadcast: tenants are never empty), and a delivery names its event's
  // scope. Events of version 1 keep their tenant (NULL ones were sent to every tenant: broadcasts).
  // Outbox entries always name their tenant now (NULL meant every tenant; it means the default
  // tenant from now on, as a publish without a tenant does). Matching gets a per-tenant index.
  `
  ALTER TABLE {schema}.deliveries ADD COLUMN event_scope text NOT NULL DEFAULT '';
  UPDATE {schema}.deliveries d SET event_scope = e.tenant
    FROM {schema}.events e WHERE e.id = d.event_id AND e.tenant IS NOT NULL;
  DROP INDEX {schema}.deliveries_by_event;
  CREATE INDEX deliveries_by_event ON {schema}.deliveries (event_scope, event_id);

  ALTER TABLE {schema}.events ADD COLUMN scope text NOT NULL DEFAULT '';
  UPDATE {schema}.events SET scope = tenant WHERE tenant IS NOT NULL;
  ALTER TABLE {schema}.events DROP CONSTRAINT events_pkey;
  ALTER TABLE {schema}.events ADD PRIMARY KEY (scope, id);

  UPDATE {schema}.outbox SET tenant = 'default' WHERE tenant IS NULL;
  ALTER TABLE {schema}.outbox ALTER COLUMN tenant SET NOT NULL;
  ALTER TABLE {schema}.outbox DROP CONSTRAINT outbox_id_key;
  ALTER TABLE {schema}.outbox ADD CONSTRAINT outbox_tenant_id_key UNIQUE (tenant, id);

  CREATE INDEX subscription_filters_by_tenant ON {schema}.subscription_filters (tenant, filter) WHERE NOT disabled;
  `,
  // Version 3: an attempt names its subscription, so endpoint statistics read one index range
  // (subscription, start time) instead of every delivery of the subscription. Older attempts
  // take their delivery's subscription.
  `
  ALTER TABLE {schema}.attempts ADD COLUMN subscription_id text;
  UPDATE {schema}.attempts a SET subscription_id = d.subscription_id
    FROM {schema}.deliveries d WHERE d.id = a.delivery_id;
  CREATE INDEX attempts_by_subscription ON {schema}.attempts (subscription_id, started_at);
  `,
  // Version 4: ordered subscriptions read the oldest pending delivery of a subscription (a partial
  // index); rate limits keep one bucket row per subscription (GCRA: its theoretical arrival time);
  // an event keeps the traceparent of its publish.
  `
  CREATE INDEX deliveries_pending_by_subscription ON {schema}.deliveries (subscription_id, id) WHERE status = 'pending';
  CREATE TABLE {schema}.rate_limits (
    key text PRIMARY KEY,
    tat double precision NOT NULL,
    granted integer NOT NULL,
    interval_ms double precision NOT NULL,
    tolerance_ms double precision NOT NULL
  );
  ALTER TABLE {schema}.events ADD COLUMN traceparent text;
  `,
  // Version 5: a filter row carries its subscription's payload filter (JSON text, NULL for none),
  // so publish reads its candidates from the filter rows alone instead of joining and parsing every
  // candidate's document, and asks once per distinct payload filter whether the event passes it
  // (findCandidates' `accepts`). Not indexed: a filter's text may be far longer than a B-tree
  // entry may be. Existing rows take it from their document.
  `
  ALTER TABLE {schema}.subscription_filters ADD COLUMN payload_filter text;
  UPDATE {schema}.subscription_filters f SET payload_filter = (s.doc->'filter')::text
    FROM {schema}.subscriptions s
    WHERE s.id = f.subscription_id AND json_typeof(s.doc->'filter') <> 'null';
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The schema name as an SQL identifier; refuses anything that would need escaping. */
export function quoteSchema(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new WebhookConfigError(
      `createPostgresStore: \`schema\` must be a plain identifier (letters, digits, _; at most 63), got ${JSON.stringify(schema)}.`,
    );
  }
  return `"${schema}"`;
}

/**
 * Brings the schema to the latest version. Safe to run from any number of processes at once:
 * the whole check-and-apply runs under a transaction-scoped advisory lock keyed by the schema
 * name, so one process migrates while the others wait and then find nothing left to do.
 */
export async function migrate(pool: Pool, schema: string, upTo = MIGRATIONS.length): Promise<void> {
  const quoted = quoteSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`hookwire:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${quoted}.schema_migrations`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `PostgreSQL schema ${schema} is at version ${current}, newer than this @hookwire/store-postgres knows (${MIGRATIONS.length}). Upgrade the package.`,
      );
    }
    // `upTo` below the latest only serves tests that build an old schema to migrate from.
    for (let version = current; version < Math.min(upTo, MIGRATIONS.length); version++) {
      await client.query(MIGRATIONS[version]!.replaceAll('{schema}', quoted));
      await client.query(`INSERT INTO ${quoted}.schema_migrations (version) VALUES ($1)`, [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
