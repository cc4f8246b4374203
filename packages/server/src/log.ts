/** An error as one short log line: its name and message, never a stack trace. */
export function oneLine(error: unknown, max = 300): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${String(error)}`;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
