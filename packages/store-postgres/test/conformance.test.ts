import { describeSenderStore } from '@hookwire/sender/testing';
import { createPostgresStore } from '@hookwire/store-postgres';
import { afterAll } from 'vitest';
import { DATABASE_URL, dropTestSchemas, freshSchema } from './support.js';

afterAll(dropTestSchemas);

// A fresh schema per test: the suite expects an empty store each time.
describeSenderStore('postgres', () =>
  createPostgresStore({ connectionString: DATABASE_URL, schema: freshSchema(), max: 2 }),
);
