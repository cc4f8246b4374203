interface Call<T, R> {
  items: readonly T[];
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for stores with an asynchronous client: the calls made while the previous flush is
 * running (or within one tick) are written by the next single flush, one statement and one commit;
 * each caller gets the results of its own items once that commit is done.
 */
export class Batcher<T, R> {
  #pending: Call<T, R>[] = [];
  #scheduled = false;
  #flushing = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly maxItems = 1000,
  ) {}

  add(items: readonly T[]): Promise<R[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<R[]>((resolve, reject) => {
      this.#pending.push({ items, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing || this.#pending.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    const calls: Call<T, R>[] = [];
    let size = 0;
    while (
      this.#pending.length > 0 &&
      (calls.length === 0 || size + this.#pending[0]!.items.length <= this.maxItems)
    ) {
      const call = this.#pending.shift()!;
      calls.push(call);
      size += call.items.length;
    }
    this.#flushing = true;
    try {
      const results = await this.flush(calls.flatMap((call) => call.items));
      let offset = 0;
      for (const call of calls) {
        call.resolve(results.slice(offset, offset + call.items.length));
        offset += call.items.length;
      }
    } catch (error) {
      for (const call of calls) call.reject(error);
    } finally {
      this.#flushing = false;
      this.#schedule();
    }
  }
}
