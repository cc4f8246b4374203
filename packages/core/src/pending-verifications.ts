// On the Web Crypto path verification is asynchronous. A provider written for the synchronous
// path may call `verifyHmac(...)` without returning its promise; the receiver collects every
// verification started while a provider's `verify` runs and awaits them all, so a forged request
// is rejected even then (fail closed).
let collecting: Promise<unknown>[] | undefined;

/** Registers an asynchronous verification with the receiver that is running `verify`, if any. */
export function trackVerification<T>(promise: Promise<T>): Promise<T> {
  // A provider that throws before awaiting leaves this promise alone: keep its rejection handled.
  promise.catch(() => {});
  collecting?.push(promise);
  return promise;
}

/** Runs `verify` and returns its result with every verification it started. */
export function collectVerifications<T>(verify: () => T): { result: T; pending: Promise<unknown>[] } {
  const outer = collecting;
  const pending: Promise<unknown>[] = [];
  collecting = pending;
  try {
    return { result: verify(), pending };
  } finally {
    collecting = outer;
  }
}
