import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteInboxStore } from '@hookwire/inbox/sqlite';
import { describeInboxStore, makeInboxEvent } from '@hookwire/inbox/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hookwire-inbox-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

// Real files (WAL), one per test: the suite expects an empty store each time.
describeInboxStore('sqlite file', () => createSqliteInboxStore({ path: join(dir, `store-${++files}.db`) }));

describe('sqlite inbox store', () => {
  it('keeps events across a reopen of the same file', async () => {
    const path = join(dir, 'reopen.db');
    const first = createSqliteInboxStore({ path });
    const event = makeInboxEvent();
    await first.insert([event]);
    await first.close();
    const second = createSqliteInboxStore({ path });
    expect((await second.get(event.id))?.payload).toEqual(event.payload);
    await second.close();
  });

  it("shares a database with other tables (the sender's) without touching them or user_version", async () => {
    const db = new Database(join(dir, 'shared.db'));
    db.exec('CREATE TABLE events (id TEXT PRIMARY KEY); PRAGMA user_version = 1');
    const store = createSqliteInboxStore({ database: db });
    await store.insert([makeInboxEvent()]);
    await store.close();
    expect(db.open).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    db.close();
  });
});
