import { leaseToken, timeOrderedId } from '@hookwire/core';

/** A time-ordered inbox id (`ibx_01J…`): ids made by one process sort in arrival order. */
export function newInboxId(now: number): string {
  return timeOrderedId('ibx', now);
}

/** A lease token: unique per claim. */
export const newLease = leaseToken;
