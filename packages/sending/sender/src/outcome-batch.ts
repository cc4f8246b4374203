import type { AttemptRecord, SenderStore } from './store.js';

interface Waiting {
  record: AttemptRecord;
  resolve: (applied: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the outcomes finished in one turn of the event loop into one `store.recordAttempts`
 * call: answers that arrive together (one read of several sockets) are stored together, in one
 * transaction or statement where the store batches, instead of one call per delivery. When the
 * batch fails, each outcome is tried alone, so one bad record fails only its own delivery.
 */
export class OutcomeBatch {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly store: SenderStore) {}

  /** Stores one outcome with the others of this turn; resolves with whether its lease still held. */
  record(record: AttemptRecord): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  private readonly flush = (): void => {
    const batch = this.waiting;
    this.waiting = [];
    this.scheduled = false;
    this.store.recordAttempts(batch.map((w) => w.record)).then(
      (applied) => {
        for (let i = 0; i < batch.length; i++) batch[i]!.resolve(applied[i] === true);
      },
      (error: unknown) => {
        if (batch.length === 1) batch[0]!.reject(error);
        else
          for (const w of batch)
            this.store.recordAttempts([w.record]).then(([applied]) => w.resolve(applied === true), w.reject);
      },
    );
  };
}
