import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDeliveryQueue, describeSenderStore } from '@hookwire/sender/testing';
import { createSqliteStore } from '@hookwire/store-sqlite';
import { afterAll } from 'vitest';

describeSenderStore('sqlite', () => createSqliteStore({ path: ':memory:' }));

const dir = mkdtempSync(join(tmpdir(), 'hookwire-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

// A file, not `:memory:`, so that a second store on it is a second worker process's view.
describeDeliveryQueue('sqlite store', () => {
  const path = join(dir, `queue-${++files}.db`);
  const store = createSqliteStore({ path });
  return { store, queue: store.queue, second: createSqliteStore({ path }) };
});
