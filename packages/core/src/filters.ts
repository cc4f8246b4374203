/**
 * Event filters, shared by receivers (handler registration) and the sender (subscriptions):
 * `*` matches every event, `prefix*` (usually `invoice.*`, also `repo:*`, `orders/*`) matches every
 * name that starts with `prefix`, anything else matches exactly.
 */
export function matchesEventFilter(filter: string, name: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('*')) return name.startsWith(filter.slice(0, -1));
  return filter === name;
}

export function matchesAnyFilter(filters: readonly string[], name: string): boolean {
  for (const filter of filters) if (matchesEventFilter(filter, name)) return true;
  return false;
}

const SEPARATORS = new Set(['.', ':', '/']);

/**
 * Every filter that can match `name`: `*`, the name itself and `prefix*` at each separator.
 * An index keyed by filter answers "who wants this event" with these few look-ups instead of a scan.
 */
export function candidateFilters(name: string): string[] {
  const candidates = ['*', name];
  for (let i = 0; i < name.length; i++) {
    if (SEPARATORS.has(name[i]!)) candidates.push(`${name.slice(0, i + 1)}*`);
  }
  return candidates;
}

/** A filter is `*`, a name, or a name prefix ending in a separator followed by `*`. */
export function validateEventFilter(filter: unknown): string | undefined {
  if (typeof filter !== 'string' || filter.length === 0) return 'an event filter must be a non-empty string';
  if (filter.length > 200) return 'an event filter must be at most 200 characters';
  if (filter === '*') return undefined;
  const star = filter.indexOf('*');
  if (star !== -1 && (star !== filter.length - 1 || !SEPARATORS.has(filter[star - 1] ?? ''))) {
    return `"${filter}" is not a valid filter: "*" is allowed alone or at the end after ".", ":" or "/" (e.g. "invoice.*")`;
  }
  if (/\s/.test(filter)) return `"${filter}" is not a valid filter: it contains white space`;
  return undefined;
}
