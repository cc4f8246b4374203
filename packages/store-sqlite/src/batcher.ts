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
  private readonly commit: Database.Transaction<(writes: PendingWrite[]) => unknown[]>;

  constructor(private readonly db: Database.Database) {
    const one = db.transaction((write: PendingWrite) => write.run());
    this.commit = db.transaction((writes: PendingWrite[]) =>
      writes.map((write) => {
        try {
          return { ok: true, value: one(write) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, resolve, reject });
      this.scheduled ??= new Promise<void>((done) => setImmediate(() => done(this.drain())));
    });
  }

  /** Commits what is waiting now. */
  async flush(): Promise<void> {
    if (this.scheduled) await this.scheduled;
  }

  private drain(): void {
    const writes = this.pending;
    this.pending = [];
    this.scheduled = undefined;
    if (writes.length === 0) return;
    let results: { ok: boolean; value?: unknown; error?: unknown }[];
    try {
      results = this.commit.immediate(writes) as typeof results;
    } catch (error) {
      for (const write of writes) write.reject(error);
      return;
    }
    results.forEach((result, i) => {
      if (result.ok) writes[i]!.resolve(result.value);
      else writes[i]!.reject(result.error);
    });
  }
}
