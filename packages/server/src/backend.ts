import type { InboxStore } from '@hookwire/inbox';
import type { DeliveryQueue, SenderStore } from '@hookwire/sender';
import type { ServerConfig } from './config.js';

export interface Backend {
  store: SenderStore;
  queue?: DeliveryQueue;
  /** The inbox of received webhooks: the same SQLite file or PostgreSQL schema as `store`. */
  inboxStore: InboxStore;
  describe: string;
}

const isPostgres = (database: string) => /^postgres(ql)?:\/\//.test(database);

/**
 * SQLite for a file path (the embedded default), PostgreSQL for a `postgres://` URL, BullMQ when
 * Redis is set. The inbox shares the sender's connection, so both halves live in one database.
 */
export async function openBackend(config: ServerConfig): Promise<Backend> {
  if (isPostgres(config.database)) return openPostgres(config);
  if (config.redisUrl) {
    throw new Error(
      'HOOKWIRE_REDIS_URL needs a PostgreSQL HOOKWIRE_DATABASE: BullMQ workers on several machines cannot share one SQLite file.',
    );
  }
  const { createSqliteStore } = await import('@hookwire/store-sqlite');
  const { createSqliteInboxStore } = await import('@hookwire/inbox/sqlite');
  const store = createSqliteStore({ path: config.database });
  const inboxStore = createSqliteInboxStore({ database: store.db });
  return { store, inboxStore, describe: `SQLite ${config.database}` };
}

/**
 * PostgreSQL keeps everything (migrated on start, safe with many processes starting at once).
 * With HOOKWIRE_REDIS_URL, deliveries are queued in BullMQ; without it, PostgreSQL is the queue.
 * `api` and `worker` processes build the same pair; only workers call `sender.start()`.
 */
async function openPostgres(config: ServerConfig): Promise<Backend> {
  const { createPostgresStore } = await import('@hookwire/store-postgres');
  // `?schema=name` picks the schema (default `hookwire`): several deployments can share a database.
  const url = new URL(config.database);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  const store = await createPostgresStore({
    connectionString: url.toString(),
    ...(schema ? { schema } : {}),
  });
  const { createPostgresInboxStore } = await import('@hookwire/inbox/postgres');
  const inboxStore = await createPostgresInboxStore({ pool: store.pool, schema: store.schema });
  const database = `PostgreSQL ${withoutPassword(config.database)}`;
  if (!config.redisUrl) return { store, inboxStore, describe: `${database} (also the queue)` };
  const { createBullmqQueue } = await import('@hookwire/queue-bullmq');
  const queue = createBullmqQueue({ connection: config.redisUrl, store });
  return {
    store,
    inboxStore,
    queue,
    describe: `${database}, BullMQ on ${withoutPassword(config.redisUrl)}`,
  };
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
