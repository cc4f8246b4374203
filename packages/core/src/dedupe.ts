/** Remembers delivery ids so a provider's duplicate delivery can be dropped. */
export interface DedupeStore {
  has(key: string): boolean | Promise<boolean>;
  add(key: string, ttlMs: number): void | Promise<void>;
}

export interface MemoryDedupeOptions {
  /** Most ids kept; the oldest are forgotten first (default 10,000). */
  max?: number;
  now?: () => number;
}

/** An in-process LRU of delivery ids with a time to live. */
export function createMemoryDedupeStore(options: MemoryDedupeOptions = {}): DedupeStore {
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  return {
    has(key) {
      const expiry = expiries.get(key);
      if (expiry === undefined) return false;
      if (expiry <= now()) {
        expiries.delete(key);
        return false;
      }
      return true;
    },
    add(key, ttlMs) {
      expiries.delete(key);
      expiries.set(key, now() + ttlMs);
      if (expiries.size > max) expiries.delete(expiries.keys().next().value as string);
    },
  };
}
