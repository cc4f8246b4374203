/**
 * Polls `check` until it answers something truthy, and answers that; fails naming `what` after
 * `timeoutMs`. For tests of real-time behaviour (a delivery arriving, a lease expiring): they wait
 * for the outcome instead of sleeping a fixed time or asserting durations.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
