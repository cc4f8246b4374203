import type { AttemptRecord, SenderStore } from '@hookwire/sender';
import { describe, expect, it } from 'vitest';
import { OutcomeBatch } from '../src/outcome-batch.js';

function record(deliveryId: string): AttemptRecord {
  return { deliveryId, status: 'succeeded', nextAttemptAt: 1, updatedAt: 1 };
}

/** A store whose recordAttempts logs each call; `bad` ids make a call that holds them throw. */
function fakeStore(bad: ReadonlySet<string> = new Set(), lost: ReadonlySet<string> = new Set()) {
  const calls: string[][] = [];
  const store = {
    async recordAttempts(records: readonly AttemptRecord[]) {
      calls.push(records.map((r) => r.deliveryId));
      if (records.some((r) => bad.has(r.deliveryId))) throw new Error('disk full');
      return records.map((r) => !lost.has(r.deliveryId));
    },
  } as unknown as SenderStore;
  return { store, calls };
}

describe('OutcomeBatch', () => {
  it('stores the outcomes of one turn in one call, each answered with its own result', async () => {
    const { store, calls } = fakeStore(new Set(), new Set(['b']));
    const batch = new OutcomeBatch(store);
    const answers = await Promise.all(['a', 'b', 'c'].map((id) => batch.record(record(id))));
    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(answers).toEqual([true, false, true]);
    await batch.record(record('d'));
    expect(calls).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('tries each outcome alone when the batch fails, so only the bad one fails', async () => {
    const { store, calls } = fakeStore(new Set(['b']));
    const batch = new OutcomeBatch(store);
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((id) => batch.record(record(id))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'disk full' });
    expect(calls).toEqual([['a', 'b', 'c'], ['a'], ['b'], ['c']]);
  });
});
