/**
 * PostgreSQL test support for packages whose tests need the database (this package's, the inbox's,
 * BullMQ's, the demo's): the test database's URL, schema names of their own per run, and the
 * advisory lock that keeps test files off the server while one of them restarts it.
 *
 * ```ts
 * import { DATABASE_URL, freshSchema, holdPostgresForFile } from '@hookwire/store-postgres/testing';
 * holdPostgresForFile();
 * const store = await createPostgresStore({ connectionString: DATABASE_URL, schema: freshSchema() });
 * ```
 *
 * Needs vitest (an optional peer dependency of this subpath).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/** The test database: PostgreSQL on 127.0.0.1:5432 with trust auth (see scripts/services.sh). */
export const DATABASE_URL =
  process.env.HOOKWIRE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// One prefix per run, so that runs (and engineers) sharing the server never see each other's rows.
const RUN = `hw_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
let counter = 0;

/** A schema name no other test uses; `dropTestSchemas` removes every schema of this run. */
export function freshSchema(): string {
  return `${RUN}_${++counter}`;
}

export async function dropTestSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)',
      [RUN],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}

// One test restarts the server (queue-bullmq's postgres-restart test). Test files that use
// PostgreSQL hold a shared advisory lock while they run; the restart test takes it exclusively, so
// it waits for them and they wait for it, whatever order vitest runs files in.
const RESTART_LOCK = 'hookwire-tests:postgres-restart';

async function lockClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  // The restart ends this connection: without a listener the error would crash the test process.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Holds the shared side of the restart lock until the returned function is called. */
export async function usePostgres(): Promise<() => Promise<void>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    let client: pg.Client | undefined;
    try {
      client = await lockClient();
      await client.query('SELECT pg_advisory_lock_shared(hashtext($1))', [RESTART_LOCK]);
      const held = client;
      return async () => {
        await held.end().catch(() => {});
      };
    } catch (error) {
      // The server is restarting: wait and ask again.
      await client?.end().catch(() => {});
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Waits until no other test file uses PostgreSQL, and keeps them waiting until the server restarts. */
export async function lockForRestart(): Promise<void> {
  const client = await lockClient();
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [RESTART_LOCK]);
  // Released when the restart ends the connection.
}

/** For a whole test file: holds the shared restart lock while it runs, then drops its schemas. */
export function holdPostgresForFile(): void {
  let release: () => Promise<void>;
  beforeAll(async () => {
    release = await usePostgres();
  }, 130_000);
  afterAll(async () => {
    await dropTestSchemas();
    await release();
  });
}
