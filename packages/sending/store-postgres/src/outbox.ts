import { newId, type PublishInput } from '@hookwire/sender';

/** What `publishWith` needs of the caller's client: a pg `Client` or `PoolClient` inside `BEGIN`. */
export interface OutboxClient {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** Writes one outbox entry with the caller's client, and a NOTIFY that fires on commit. */
export async function writeOutbox(
  client: OutboxClient,
  schema: string,
  channel: string,
  input: PublishInput,
): Promise<{ id: string }> {
  if (typeof input !== 'object' || input === null || typeof input.type !== 'string' || input.type === '') {
    throw new TypeError('publishWith takes { type, data?, id?, tenant? } with a non-empty `type`.');
  }
  if (input.id !== undefined && (typeof input.id !== 'string' || input.id === '')) {
    throw new TypeError('publishWith: `id` must be a non-empty string.');
  }
  const data = JSON.stringify(input.data === undefined ? null : input.data);
  if (data === undefined) throw new TypeError('publishWith: `data` must be serialisable as JSON.');
  const id = input.id ?? newId('evt');
  // Written again with the same id (a retried business transaction), the entry is kept once.
  await client.query(
    `WITH o AS (
       INSERT INTO ${schema}.outbox (id, tenant, type, data, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING 1
     ) SELECT pg_notify($6, '') FROM o`,
    [id, input.tenant ?? null, input.type, data, Date.now(), channel],
  );
  return { id };
}
