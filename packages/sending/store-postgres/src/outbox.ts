import { DEFAULT_TENANT, newId, type PublishInput } from '@hookwire/sender';
import { DATABASE_NOW_MS } from './statements.js';

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
  if (input.tenant !== undefined && (typeof input.tenant !== 'string' || input.tenant === '')) {
    throw new TypeError('publishWith: `tenant` must be a non-empty string.');
  }
  const id = input.id ?? newId('evt');
  // Like publish, an entry without a tenant goes to the default tenant's subscriptions only.
  const tenant = input.tenant ?? DEFAULT_TENANT;
  // Written again with the same id in the same tenant (a retried business transaction), the entry
  // is kept once; ids are unique per tenant, as event ids are.
  await client.query(
    `WITH o AS (
       INSERT INTO ${schema}.outbox (id, tenant, type, data, created_at) VALUES ($1, $2, $3, $4, ${DATABASE_NOW_MS})
       ON CONFLICT (tenant, id) DO NOTHING RETURNING 1
     ) SELECT pg_notify($5, '') FROM o`,
    [id, tenant, input.type, data, channel],
  );
  return { id };
}
