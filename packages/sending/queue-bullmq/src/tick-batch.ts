/**
 * Gathers the calls of one turn of the event loop and runs them together: `add` answers each item's
 * own result once `run` has handled the whole batch (one Redis call instead of one per item).
 */
export class TickBatch<T, R> {
  private pending: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private readonly flushing = new Set<Promise<void>>();

  constructor(private readonly run: (items: T[]) => Promise<R[]>) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length > 1) return;
      const flush = new Promise<void>((done) => setImmediate(() => void this.flush().finally(done)));
      this.flushing.add(flush);
      void flush.then(() => this.flushing.delete(flush));
    });
  }

  /** Resolves once everything added so far has been handled. */
  async drain(): Promise<void> {
    while (this.flushing.size > 0) await Promise.all([...this.flushing]);
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      for (const [i, entry] of batch.entries()) entry.resolve(results[i] as R);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
