/** Page sizes the list accepts; the default when none is asked for. */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  return Math.max(1, Math.min(MAX_PAGE_LIMIT, Math.floor(limit)));
}

/** Cursors are opaque to callers: the arrival sequence number of the last item, in base 36. */
export function encodeCursor(seq: number): string {
  return `c${seq.toString(36)}`;
}

/** The sequence number a cursor stands for; throws a `TypeError` for anything else. */
export function decodeCursor(cursor: string): number {
  const seq = /^c[0-9a-z]{1,12}$/.test(cursor) ? Number.parseInt(cursor.slice(1), 36) : Number.NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new TypeError(`"${cursor}" is not a cursor: pass the \`nextCursor\` of a previous page.`);
  }
  return seq;
}

/** Is `cursor` one that `decodeCursor` accepts? */
export function isCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
}
