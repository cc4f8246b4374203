/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the command reports and exits 1 for (verification or delivery). */
export class FailureError extends Error {
  override name = 'FailureError';
}
