import type Database from 'better-sqlite3';

interface PendingWrite {
  run: () => unknown;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the writes made within one tick into one transaction: a commit costs far more than the
 * statements in it, and a worker finishes many attempts at once. Each write runs in its own
 * savepoint, so one failing write rolls back alone. A write's promise settles after the commit,
 * so nothing is acknowledged before it is on disk.
 */
export class WriteBatcher {
  private pending: PendingWrite[] = [];
  private scheduled: Promise<void> | undefined;
  /** A long write (see `writeYielding`) holding the transaction open; other writes wait for it. */
  private exclusive: Promise<void> | undefined;
  private readonly db: Database.Database;
  private readonly commit: Database.Transaction<(writes: PendingWrite[]) => unknown[]>;
  private readonly commitOne: Database.Transaction<(write: PendingWrite) => unknown>;

  constructor(db: Database.Database) {
    this.db = db;
    this.commit = db.transaction((writes: PendingWrite[]) => writes.map((write) => write.run()));
    this.commitOne = db.transaction((write: PendingWrite) => write.run());
  }

  write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, resolve, reject });
      this.scheduled ??= new Promise<void>((done) => setImmediate(() => done(this.drainWhenFree())));
    });
  }

  /**
   * A write too long for one tick (a fan-out of thousands of rows) in ONE transaction that yields
   * to the event loop whenever `run` awaits `pause()`, so the process keeps answering meanwhile.
   * Other writes (and `flush`) wait for its commit; reads on the connection meanwhile may see its
   * uncommitted rows, which is why claims `flush` first.
   */
  async writeYielding<T>(run: (pause: () => Promise<void>) => Promise<T>): Promise<T> {
    while (this.scheduled || this.exclusive) await (this.scheduled ?? this.exclusive);
    let release!: () => void;
    this.exclusive = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A small page cache for the duration: SQLite then writes dirty pages to the WAL as the
    // chunks go (each chunk pays for its own pages) instead of all of them inside COMMIT, which
    // for 10,000 delivery rows held the event loop 20 ms and more. Still ONE transaction.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${LONG_WRITE_CACHE_PAGES}`);
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await run(pause);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      if (this.db.open) this.db.pragma(`cache_size = ${cacheSize}`);
      this.exclusive = undefined;
      release();
    }
  }

  /**
   * Runs `run` in the transaction about to commit the writes waiting for this turn, after them,
   * when there are any (one commit instead of two); otherwise runs it now, once no long write holds
   * the connection.
   */
  async writeWithWaiting<T>(run: () => T): Promise<T> {
    if (this.scheduled) return this.write(run);
    await this.waitForLongWrite();
    return this.scheduled ? this.write(run) : run();
  }

  /** Commits what is waiting now (after a long write in progress). */
  async flush(): Promise<void> {
    while (this.scheduled || this.exclusive) await (this.scheduled ?? this.exclusive);
  }

  /**
   * Lets a long write commit first: a transaction opened meanwhile on the same connection would
   * join it (and roll back with it).
   */
  async waitForLongWrite(): Promise<void> {
    while (this.exclusive) await this.exclusive;
  }

  private async drainWhenFree(): Promise<void> {
    while (this.exclusive) await this.exclusive;
    this.drain();
  }

  private drain(): void {
    const writes = this.pending;
    this.pending = [];
    this.scheduled = undefined;
    if (writes.length === 0) return;
    let results: unknown[];
    try {
      results = this.commit.immediate(writes);
    } catch {
      // One write failed and rolled the batch back: redo each alone, so only that one fails.
      for (const write of writes) {
        try {
          write.resolve(this.commitOne.immediate(write));
        } catch (error) {
          write.reject(error);
        }
      }
      return;
    }
    for (let i = 0; i < writes.length; i++) writes[i]!.resolve(results[i]);
  }
}

/** Pages (4 KiB) of cache during a long write; see `writeYielding`. */
const LONG_WRITE_CACHE_PAGES = 64;

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
