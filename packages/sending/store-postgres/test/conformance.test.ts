import { describeSenderStore } from '@hookwire/sender/testing';
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

// A fresh schema per test: the suite expects an empty store each time.
describeSenderStore('postgres', () =>
  createPostgresStore({ connectionString: DATABASE_URL, schema: freshSchema(), max: 2 }),
);
