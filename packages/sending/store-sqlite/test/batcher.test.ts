import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WriteBatcher } from '../src/batcher.js';

describe('WriteBatcher.writeWithWaiting (claims)', () => {
  it('joins the writes waiting for this turn, after them, in their one transaction', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    const batcher = new WriteBatcher(db);
    const order: string[] = [];
    const written = batcher.write(() => {
      order.push(`write in transaction: ${db.inTransaction}`);
      db.prepare('INSERT INTO t VALUES (1)').run();
    });
    const claimed = batcher.writeWithWaiting(() => {
      order.push(`claim in transaction: ${db.inTransaction}`);
      return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    });
    await written;
    expect(await claimed).toBe(1);
    expect(order).toEqual(['write in transaction: true', 'claim in transaction: true']);
    db.close();
  });

  it('runs at once, outside any transaction, when nothing is waiting', async () => {
    const db = new Database(':memory:');
    const batcher = new WriteBatcher(db);
    let inside: boolean | undefined;
    const result = await batcher.writeWithWaiting(() => {
      inside = db.inTransaction;
      return 'claimed';
    });
    expect(result).toBe('claimed');
    expect(inside).toBe(false);
    db.close();
  });
});
