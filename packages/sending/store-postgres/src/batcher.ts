interface Pending<T, R> {
  items: readonly T[];
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the calls made within one tick into one `flush` (one statement, one commit): a worker
 * finishes many attempts at once, and a commit costs more than the rows in it. Each caller gets
 * back the results of its own items, after the commit.
 */
export class Batcher<T, R> {
  private pending: Pending<T, R>[] = [];
  private scheduled = false;

  constructor(private readonly flush: (items: T[]) => Promise<R[]>) {}

  add(items: readonly T[]): Promise<R[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<R[]>((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    const calls = this.pending;
    this.pending = [];
    this.scheduled = false;
    let results: R[];
    try {
      results = await this.flush(calls.flatMap((call) => call.items));
    } catch (error) {
      for (const call of calls) call.reject(error);
      return;
    }
    let offset = 0;
    for (const call of calls) {
      call.resolve(results.slice(offset, offset + call.items.length));
      offset += call.items.length;
    }
  }
}
