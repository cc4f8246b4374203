import { createPostgresInboxStore } from '@hookwire/inbox/postgres';
import { describeInboxStore, makeInboxEvent } from '@hookwire/inbox/testing';
import { DATABASE_URL, freshSchema, holdPostgresForFile } from '@hookwire/store-postgres/testing';
import { describe, expect, it } from 'vitest';

holdPostgresForFile();

// A fresh schema per test: the suite expects an empty store each time.
describeInboxStore('postgres', () =>
  createPostgresInboxStore({ connectionString: DATABASE_URL, schema: freshSchema(), max: 3 }),
);

describe('postgres inbox store', () => {
  it('never hands one event to two workers claiming at once', async () => {
    const schema = freshSchema();
    const stores = await Promise.all(
      [1, 2, 3].map(() => createPostgresInboxStore({ connectionString: DATABASE_URL, schema, max: 2 })),
    );
    const events = Array.from({ length: 60 }, () => makeInboxEvent());
    await stores[0]!.insert(events);
    const claims = await Promise.all(
      stores.flatMap((store) =>
        [1, 2].map(() => store.claim({ now: events[0]!.receivedAt, leaseMs: 30_000, limit: 15 })),
      ),
    );
    const ids = claims.flat().map((claim) => claim.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(60);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('refuses a schema name that would need quoting', async () => {
    await expect(
      createPostgresInboxStore({ connectionString: DATABASE_URL, schema: 'x"; DROP' }),
    ).rejects.toThrow(/plain identifier/);
  });
});
