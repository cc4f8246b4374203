import { WebhookConfigError } from '@hookwire/core';
import type { Pool } from 'pg';

/**
 * The inbox's tables, named `inbox_*` so that they can share a schema with the sender's, and
 * versioned in their own `inbox_schema_migrations`. `{schema}` is replaced by the quoted schema.
 * `seq` is the arrival order (lists, claims, order keys); `json`, not `jsonb`, keeps payloads as sent.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE {schema}.inbox_events (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    provider text NOT NULL,
    name text NOT NULL,
    delivery_id text,
    dedupe_key text,
    order_key text,
    payload json,
    meta json NOT NULL,
    method text NOT NULL,
    url text NOT NULL,
    headers json NOT NULL,
    body bytea NOT NULL,
    received_at bigint NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    lease text,
    last_error text,
    processed_at bigint,
    updated_at bigint NOT NULL,
    UNIQUE (provider, dedupe_key)
  );
  CREATE INDEX inbox_events_pending ON {schema}.inbox_events (seq) WHERE status = 'pending';
  CREATE INDEX inbox_events_order_key ON {schema}.inbox_events (order_key, seq) WHERE status = 'pending' AND order_key IS NOT NULL;
  CREATE INDEX inbox_events_processed ON {schema}.inbox_events (processed_at) WHERE status = 'processed';
  CREATE INDEX inbox_events_dead ON {schema}.inbox_events (seq) WHERE status = 'dead';

  CREATE TABLE {schema}.inbox_attempts (
    id bigserial PRIMARY KEY,
    event_id text NOT NULL,
    attempt integer NOT NULL,
    kind text NOT NULL,
    started_at bigint NOT NULL,
    duration_ms double precision NOT NULL,
    error text
  );
  CREATE INDEX inbox_attempts_by_event ON {schema}.inbox_attempts (event_id, id);
  `,
];

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The schema name as an SQL identifier; refuses anything that would need escaping. */
export function quoteSchema(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new WebhookConfigError(
      `createPostgresInboxStore: \`schema\` must be a plain identifier (letters, digits, _; at most 63), got ${JSON.stringify(schema)}.`,
    );
  }
  return `"${schema}"`;
}

/**
 * Brings the schema to the latest inbox version; safe from many processes at once (the check and
 * the changes run under a transaction-scoped advisory lock keyed by the schema name).
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const quoted = quoteSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`hookwire-inbox:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.inbox_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${quoted}.inbox_schema_migrations`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `PostgreSQL schema ${schema} has inbox schema version ${current}, newer than this @hookwire/inbox knows (${MIGRATIONS.length}). Upgrade the package.`,
      );
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!.replaceAll('{schema}', quoted));
      await client.query(`INSERT INTO ${quoted}.inbox_schema_migrations (version) VALUES ($1)`, [
        version + 1,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
