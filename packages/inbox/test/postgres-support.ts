import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test database: PostgreSQL on 127.0.0.1:5432 with trust auth. */
export const DATABASE_URL =
  process.env.HOOKWIRE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// One prefix per run, so that runs sharing the server never see each other's rows.
const RUN = `hwinbox_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
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

// queue-bullmq's postgres-restart test restarts the server: test files that use PostgreSQL hold
// the shared side of this advisory lock while they run (the same lock as the sender's tests).
const RESTART_LOCK = 'hookwire-tests:postgres-restart';

/** Holds the shared side of the restart lock until the returned function is called. */
export async function usePostgres(): Promise<() => Promise<void>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock_shared(hashtext($1))', [RESTART_LOCK]);
      return async () => {
        await client.end().catch(() => {});
      };
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
