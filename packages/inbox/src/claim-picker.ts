import type { ClaimOptions } from './types.js';

/**
 * Chooses, in order, the candidates a claim may take: at most `limit`, and no more of one provider
 * than `perProvider` allows beside what is `running` already. Stores fetch a few more candidates
 * than `limit` and let this decide, so the rule is the same in every store.
 */
export function pickClaimable<T extends { provider: string }>(
  candidates: readonly T[],
  options: ClaimOptions,
): T[] {
  const picked: T[] = [];
  const perProvider = options.perProvider;
  const taken = new Map<string, number>();
  for (const candidate of candidates) {
    if (picked.length >= options.limit) break;
    if (perProvider !== undefined) {
      const busy = (options.running?.get(candidate.provider) ?? 0) + (taken.get(candidate.provider) ?? 0);
      if (busy >= perProvider) continue;
      taken.set(candidate.provider, (taken.get(candidate.provider) ?? 0) + 1);
    }
    picked.push(candidate);
  }
  return picked;
}

/** How many candidates to fetch for a claim: enough that a busy provider does not starve the rest. */
export function candidateCount(options: ClaimOptions): number {
  return options.perProvider === undefined ? options.limit : options.limit * 4 + 32;
}
