import type { Database } from 'better-sqlite3';

/**
 * The inbox's tables, versioned in its own `inbox_schema` table (not `PRAGMA user_version`), so one
 * file can hold the sender's tables too. `seq` is the arrival order: lists page by it, claims take
 * the oldest first, and order keys are served in it. Payload, meta and headers are JSON text; the
 * raw body is a BLOB, exactly as received. Few indexes, because each costs every webhook's write:
 * lists by provider or name scan newest first; `pending`, `dead` and retention have partial ones.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE inbox_events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    name TEXT NOT NULL,
    delivery_id TEXT,
    dedupe_key TEXT,
    order_key TEXT,
    payload TEXT,
    meta TEXT NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    received_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease TEXT,
    last_error TEXT,
    processed_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX inbox_events_dedupe ON inbox_events (provider, dedupe_key) WHERE dedupe_key IS NOT NULL;
  CREATE INDEX inbox_events_pending ON inbox_events (seq) WHERE status = 'pending';
  CREATE INDEX inbox_events_order_key ON inbox_events (order_key, seq) WHERE status = 'pending' AND order_key IS NOT NULL;
  CREATE INDEX inbox_events_processed ON inbox_events (processed_at) WHERE status = 'processed';
  CREATE INDEX inbox_events_dead ON inbox_events (seq) WHERE status = 'dead';

  CREATE TABLE inbox_attempts (
    event_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    kind TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms REAL NOT NULL,
    error TEXT
  );
  CREATE INDEX inbox_attempts_by_event ON inbox_attempts (event_id);
  `,
];

/** Brings the file to the latest inbox schema, one transaction per version. */
export function migrate(db: Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS inbox_schema (version INTEGER NOT NULL)');
    const row = db.prepare<[], { version: number }>('SELECT version FROM inbox_schema').get();
    const current = row?.version ?? 0;
    if (!row) db.exec('INSERT INTO inbox_schema (version) VALUES (0)');
    if (current > MIGRATIONS.length) {
      throw new Error(
        `This SQLite file has inbox schema version ${current}, newer than this @hookwire/inbox knows (${MIGRATIONS.length}). Upgrade the package.`,
      );
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version]!);
      db.prepare('UPDATE inbox_schema SET version = ?').run(version + 1);
    }
  }).immediate();
}
