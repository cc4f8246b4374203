import type pg from 'pg';

export interface PruneResult {
  attempts: number;
  deliveries: number;
  events: number;
  outbox: number;
}

const BATCH = 5000;

/**
 * Retention, in short batches so that no statement holds locks for long. One process prunes at
 * a time (a transaction-scoped advisory lock); another that finds the lock taken skips the run.
 */
export async function prune(pool: pg.Pool, schema: string, before: number): Promise<PruneResult> {
  const result: PruneResult = { attempts: 0, deliveries: 0, events: 0, outbox: 0 };
  const client = await pool.connect();
  let failed = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
      [`hookwire:prune:${schema}`],
    );
    if (!rows[0]!.locked) return result;
    try {
      result.attempts = await repeat(
        client,
        `DELETE FROM ${schema}.attempts WHERE id IN (
        SELECT id FROM ${schema}.attempts WHERE started_at < $1 LIMIT ${BATCH})`,
        before,
      );
      for (;;) {
        // Events whose every delivery is finished go, with those deliveries and their attempts.
        const { rows: counts } = await client.query<{ events: number; deliveries: number }>(
          `WITH old AS (
             SELECT scope, id FROM ${schema}.events e WHERE created_at < $1 AND NOT EXISTS (
               SELECT 1 FROM ${schema}.deliveries d
               WHERE d.event_scope = e.scope AND d.event_id = e.id AND d.status = 'pending')
             LIMIT ${BATCH}
           ), gone AS (
             DELETE FROM ${schema}.deliveries WHERE (event_scope, event_id) IN (SELECT scope, id FROM old) RETURNING id
           ), logged AS (
             DELETE FROM ${schema}.attempts WHERE delivery_id IN (SELECT id FROM gone)
           ), removed AS (
             DELETE FROM ${schema}.events WHERE (scope, id) IN (SELECT scope, id FROM old) RETURNING 1
           )
           SELECT (SELECT count(*) FROM removed)::integer AS events, (SELECT count(*) FROM gone)::integer AS deliveries`,
          [before],
        );
        result.events += counts[0]!.events;
        result.deliveries += counts[0]!.deliveries;
        if (counts[0]!.events < BATCH) break;
      }
      result.outbox = await repeat(
        client,
        `DELETE FROM ${schema}.outbox WHERE seq IN (
        SELECT seq FROM ${schema}.outbox WHERE error IS NOT NULL AND created_at < $1 LIMIT ${BATCH})`,
        before,
      );
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`hookwire:prune:${schema}`]);
    }
    return result;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.release(failed);
  }
}

async function repeat(client: pg.PoolClient, statement: string, before: number): Promise<number> {
  let total = 0;
  for (;;) {
    const count = (await client.query(statement, [before])).rowCount ?? 0;
    total += count;
    if (count < BATCH) return total;
  }
}
