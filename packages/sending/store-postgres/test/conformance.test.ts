import { describeDeliveryQueue, describeSenderStore } from '@hookwire/sender/testing';
import { createPostgresStore } from '@hookwire/store-postgres';
import { afterAll, beforeAll } from 'vitest';
import { DATABASE_URL, dropTestSchemas, freshSchema, usePostgres } from './support.js';

let release: () => Promise<void>;
beforeAll(async () => {
  release = await usePostgres();
}, 130_000);
afterAll(async () => {
  await dropTestSchemas();
  await release();
});

const open = (schema: string) => createPostgresStore({ connectionString: DATABASE_URL, schema, max: 2 });

// A fresh schema per test: the suites expect an empty store each time.
describeSenderStore('postgres', () => open(freshSchema()));

// Two stores on one schema: two worker processes claiming from the same delivery rows.
describeDeliveryQueue('postgres store', async () => {
  const schema = freshSchema();
  const store = await open(schema);
  return { store, queue: store.queue, second: await open(schema) };
});
