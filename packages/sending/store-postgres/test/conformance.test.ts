import { describeDeliveryQueue, describeSenderStore } from '@hookwire/sender/testing';
import { createPostgresStore } from '@hookwire/store-postgres';
import { DATABASE_URL, freshSchema, holdPostgresForFile } from '@hookwire/store-postgres/testing';

holdPostgresForFile();

const open = (schema: string) => createPostgresStore({ connectionString: DATABASE_URL, schema, max: 2 });

// A fresh schema per test: the suites expect an empty store each time.
describeSenderStore('postgres', () => open(freshSchema()));

// Two stores on one schema: two worker processes claiming from the same delivery rows.
describeDeliveryQueue('postgres store', async () => {
  const schema = freshSchema();
  const store = await open(schema);
  return { store, queue: store.queue, second: await open(schema) };
});
