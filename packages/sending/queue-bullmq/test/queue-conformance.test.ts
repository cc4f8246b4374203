import { createBullmqQueue } from '@hookwire/queue-bullmq';
import { describeDeliveryQueue } from '@hookwire/sender/testing';
import { createPostgresStore } from '@hookwire/store-postgres';
import { usePostgres } from '@hookwire/store-postgres/testing';
import { afterAll, beforeAll } from 'vitest';
import { DATABASE_URL, deleteKeys, fresh, REDIS_URL } from './support.js';

let release: () => Promise<void>;
beforeAll(async () => {
  release = await usePostgres();
}, 130_000);
afterAll(() => release());

// Deliveries in PostgreSQL, jobs in Redis; `second` is another worker process's queue on the same keys.
describeDeliveryQueue('bullmq on postgres', async () => {
  const { prefix, schema } = fresh();
  const store = await createPostgresStore({ connectionString: DATABASE_URL, schema, max: 2 });
  const open = () =>
    createBullmqQueue({ connection: REDIS_URL, prefix, stalledIntervalMs: 200, blockMs: 100, store });
  const queue = open();
  const second = open();
  return {
    store,
    queue,
    second,
    close: async () => {
      await deleteKeys(queue, prefix);
      await Promise.all([queue.close(), second.close()]);
      await store.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await store.close();
    },
  };
});
