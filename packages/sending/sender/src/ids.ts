import { leaseToken, timeOrderedId } from '@hookwire/core';

/** A time-ordered id (`sub_01J…`): ids made by one process sort in creation order, so lists page in it. */
export function newId(prefix: string, now: number = Date.now()): string {
  return timeOrderedId(prefix, now);
}

/** A lease token: unique per claim. */
export const newToken = leaseToken;
