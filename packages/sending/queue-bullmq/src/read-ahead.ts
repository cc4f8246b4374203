import type { DeliveryLease } from '@hookwire/sender';

export interface BufferedLease {
  lease: DeliveryLease;
  /** '' for none. */
  subscriptionId: string;
  /** When the settle that claimed it answered (ms). */
  at: number;
}

/**
 * The leases a settle claimed for the worker's next claim (the read-ahead), oldest first. `claim`
 * takes from here before asking Redis; the queue gives back what waited too long.
 */
export class ReadAheadBuffer {
  private entries: BufferedLease[] = [];
  private waiting: { promise: Promise<void>; resolve: () => void } | undefined;

  get size(): number {
    return this.entries.length;
  }

  /** When the oldest lease came; `undefined` when empty. */
  get oldestAt(): number | undefined {
    return this.entries[0]?.at;
  }

  add(leases: readonly BufferedLease[]): void {
    if (leases.length === 0) return;
    this.entries.push(...leases);
    this.wake();
  }

  /** Up to `limit` leases, oldest first, leaving those of the `skip` subscriptions in place. */
  take(limit: number, skip?: ReadonlySet<string>): DeliveryLease[] {
    const taken: DeliveryLease[] = [];
    const kept: BufferedLease[] = [];
    for (const entry of this.entries) {
      if (taken.length < limit && !skip?.has(entry.subscriptionId)) taken.push(entry.lease);
      else kept.push(entry);
    }
    this.entries = kept;
    return taken;
  }

  /** Removes and answers the leases that came at or before `at` (all of them without it). */
  removeUpTo(at = Number.POSITIVE_INFINITY): BufferedLease[] {
    const cut = this.entries.findIndex((entry) => entry.at > at);
    return this.entries.splice(0, cut === -1 ? this.entries.length : cut);
  }

  /** Resolves the next time leases come in, or on `wake`. */
  filled(): Promise<void> {
    if (!this.waiting) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }

  /** Lets whoever waits on `filled` go on. */
  wake(): void {
    this.waiting?.resolve();
    this.waiting = undefined;
  }
}
