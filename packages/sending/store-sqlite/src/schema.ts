import type { Database } from 'better-sqlite3';

/**
 * Schema version 1 (versions 2 to 5 below). Subscriptions and event types are kept as JSON documents (they are read
 * whole); everything that is searched or updated in place has its own column and index.
 * `subscription_filters` is the matching index: one row per (filter, subscription), so publishing
 * looks up the few candidate filters of an event type instead of scanning subscriptions.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX subscriptions_by_tenant ON subscriptions (tenant, id);

  CREATE TABLE subscription_filters (
    filter TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    tenant TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    PRIMARY KEY (filter, subscription_id)
  ) WITHOUT ROWID;
  CREATE INDEX subscription_filters_by_subscription ON subscription_filters (subscription_id);

  CREATE TABLE event_types (
    name TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );

  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    tenant TEXT,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    tenant TEXT NOT NULL,
    event_type TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_token TEXT,
    last_status INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX deliveries_by_subscription ON deliveries (subscription_id, id);
  CREATE INDEX deliveries_by_event ON deliveries (event_id);

  CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms REAL NOT NULL,
    status INTEGER,
    error TEXT,
    response_excerpt TEXT
  );
  CREATE INDEX attempts_by_delivery ON attempts (delivery_id, attempt);
  `,
  // Version 2: event ids are unique per tenant. An event is keyed by (scope, id), the scope being
  // its tenant ('' for a broadcast: tenants are never empty), and a delivery names its event's
  // scope. Events of version 1 keep their tenant (NULL ones were sent to every tenant: broadcasts).
  // Matching gets a per-tenant index, so a publish looks at its own tenant's filters only.
  `
  ALTER TABLE deliveries ADD COLUMN event_scope TEXT NOT NULL DEFAULT '';
  UPDATE deliveries SET event_scope = (SELECT e.tenant FROM events e WHERE e.id = deliveries.event_id)
    WHERE EXISTS (SELECT 1 FROM events e WHERE e.id = deliveries.event_id AND e.tenant IS NOT NULL);
  DROP INDEX deliveries_by_event;
  CREATE INDEX deliveries_by_event ON deliveries (event_scope, event_id);

  CREATE TABLE events_v2 (
    scope TEXT NOT NULL,
    id TEXT NOT NULL,
    tenant TEXT,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, id)
  );
  INSERT INTO events_v2 (scope, id, tenant, type, data, created_at)
    SELECT coalesce(tenant, ''), id, tenant, type, data, created_at FROM events;
  DROP TABLE events;
  ALTER TABLE events_v2 RENAME TO events;

  CREATE INDEX subscription_filters_by_tenant ON subscription_filters (tenant, filter) WHERE disabled = 0;
  `,
  // Version 3: an attempt names its subscription, so endpoint statistics read one index range
  // (subscription, start time) instead of every delivery of the subscription. Older attempts
  // take their delivery's subscription.
  `
  ALTER TABLE attempts ADD COLUMN subscription_id TEXT;
  UPDATE attempts SET subscription_id = (SELECT d.subscription_id FROM deliveries d WHERE d.id = attempts.delivery_id);
  CREATE INDEX attempts_by_subscription ON attempts (subscription_id, started_at);
  `,
  // Version 4: ordered subscriptions read the oldest pending delivery of a subscription (a partial
  // index); rate limits keep one bucket per subscription; retention finds old rows by time; an
  // event keeps the traceparent of its publish.
  `
  CREATE INDEX deliveries_pending_by_subscription ON deliveries (subscription_id, id) WHERE status = 'pending';
  CREATE TABLE rate_limits (key TEXT PRIMARY KEY, tat REAL NOT NULL) WITHOUT ROWID;
  CREATE INDEX events_by_created_at ON events (created_at);
  CREATE INDEX attempts_by_started_at ON attempts (started_at);
  ALTER TABLE events ADD COLUMN traceparent TEXT;
  `,
  // Version 5: a filter row carries its subscription's payload filter (JSON text, NULL for none),
  // so publish matches from the index rows alone (`findCandidates`) instead of reading and
  // parsing every candidate's document, and reads only the rows whose filter the event passes
  // (the index by payload filter). Existing rows take it from their document.
  `
  ALTER TABLE subscription_filters ADD COLUMN payload_filter TEXT;
  UPDATE subscription_filters SET payload_filter =
    (SELECT json_extract(s.doc, '$.filter') FROM subscriptions s WHERE s.id = subscription_filters.subscription_id);
  CREATE INDEX subscription_filters_by_payload ON subscription_filters (tenant, filter, payload_filter) WHERE disabled = 0;
  `,
];

/** Brings the file to the latest schema, one transaction per version (`PRAGMA user_version`). */
export function migrate(db: Database, upTo = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `This SQLite file has schema version ${current}, newer than this @hookwire/store-sqlite knows (${MIGRATIONS.length}). Upgrade the package.`,
    );
  }
  // `upTo` below the latest only serves tests that build an old file to migrate from.
  for (let version = current; version < Math.min(upTo, MIGRATIONS.length); version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
