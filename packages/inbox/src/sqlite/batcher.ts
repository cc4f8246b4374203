import type Database from 'better-sqlite3';

interface Write {
  run: () => unknown;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes asked for within one turn of the event loop run in one transaction,
 * and each caller's promise settles after that commit, so nothing is acknowledged before it is on
 * disk. When the batch fails, each write is retried alone so that only the failing one fails.
 */
export class GroupCommit {
  #pending: Write[] = [];
  #scheduled = false;
  readonly #all: Database.Transaction<(writes: Write[]) => unknown[]>;
  readonly #one: Database.Transaction<(write: Write) => unknown>;

  constructor(db: Database.Database) {
    this.#all = db.transaction((writes: Write[]) => writes.map((write) => write.run()));
    this.#one = db.transaction((write: Write) => write.run());
  }

  write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#commit());
      }
    });
  }

  #commit(): void {
    const writes = this.#pending;
    this.#pending = [];
    this.#scheduled = false;
    let results: unknown[];
    try {
      results = this.#all.immediate(writes);
    } catch {
      for (const write of writes) {
        try {
          write.resolve(this.#one.immediate(write));
        } catch (error) {
          write.reject(error);
        }
      }
      return;
    }
    for (let i = 0; i < writes.length; i++) writes[i]!.resolve(results[i]);
  }
}
