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
  private readonly commitOne: Database.Transaction<(write: PendingWrite) => unknown>;

  constructor(db: Database.Database) {
    this.commit = db.transaction((writes: PendingWrite[]) => writes.map((write) => write.run()));
    this.commitOne = db.transaction((write: PendingWrite) => write.run());
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
