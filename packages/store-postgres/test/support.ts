import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
