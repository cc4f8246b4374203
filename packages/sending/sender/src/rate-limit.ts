import type { RateLimiter, TokenGrant, TokenRequest } from './store.js';

/**
 * The bucket size of a rate limit of `perSecond`: a tenth of a second's worth (at least 1), so a
 * claim of several deliveries can go at once while any 1 s window holds at most
 * `perSecond + burst` of them.
 */
export function burstOf(perSecond: number): number {
  return Math.max(1, Math.ceil(perSecond / 10));
}

export interface GcraStep {
  granted: number;
  /** The bucket's new theoretical arrival time (ms). */
  tat: number;
  retryInMs: number;
}

/**
 * One step of the generic cell rate algorithm, the token bucket kept as one number per key (`tat`,
 * when the bucket will be full again; 0 for a new key). The SQL and Lua versions of the backends
 * compute the same thing.
 */
export function gcra(tat: number, now: number, request: Omit<TokenRequest, 'key'>): GcraStep {
  const interval = 1000 / request.perSecond;
  const tolerance = (Math.max(1, request.burst) - 1) * interval;
  const base = Math.max(tat, now);
  const available = Math.floor((now + tolerance - base) / interval) + 1;
  const granted = Math.max(0, Math.min(request.count, available));
  const next = base + granted * interval;
  const retryInMs = granted < request.count ? Math.max(0, next - tolerance - now) : 0;
  return { granted, tat: next, retryInMs };
}

/** Buckets in this process's memory: right for one process (the memory store, tests). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, number>();

  async takeTokens(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]> {
    return requests.map((request) => {
      const step = gcra(this.buckets.get(request.key) ?? 0, now, request);
      this.buckets.set(request.key, step.tat);
      return { granted: step.granted, retryInMs: step.retryInMs };
    });
  }
}
