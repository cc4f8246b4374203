import type { DeliveryQueue, SenderStore } from '@hookwire/sender';
import type { DemoConfig } from './config.js';

export interface Backend {
  store: SenderStore;
  queue?: DeliveryQueue;
  describe: string;
}

const isPostgres = (database: string) => /^postgres(ql)?:\/\//.test(database);

/** SQLite for a file path (the embedded default), PostgreSQL for a `postgres://` URL, BullMQ when Redis is set. */
export async function openBackend(config: DemoConfig): Promise<Backend> {
  if (isPostgres(config.database)) return openPostgres(config);
  if (config.redisUrl) {
    throw new Error(
      'HOOKWIRE_REDIS_URL needs a PostgreSQL HOOKWIRE_DATABASE: BullMQ workers on several machines cannot share one SQLite file.',
    );
  }
  const { createSqliteStore } = await import('@hookwire/store-sqlite');
  return { store: createSqliteStore({ path: config.database }), describe: `SQLite ${config.database}` };
}

async function openPostgres(_config: DemoConfig): Promise<Backend> {
  throw new Error('PostgreSQL support needs @hookwire/store-postgres.');
}
