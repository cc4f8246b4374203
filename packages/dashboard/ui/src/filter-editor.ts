/** The subscription form's own logic: parsing what was typed, with messages that say how to fix it. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const OPERATORS = new Set([
  '$eq',
  '$neq',
  '$in',
  '$nin',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$exists',
  '$prefix',
  '$not',
]);
const LOGICAL = new Set(['$and', '$or', '$not']);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON text as a value; `what` names the field in the message. */
export function parseJson(text: string, what: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^JSON\.parse: /, '') : '';
    return { ok: false, error: `${what} is not valid JSON${detail ? ` (${detail})` : ''}.` };
  }
}

/**
 * The payload filter as typed: empty text is no filter (`null`); anything else must be a JSON object
 * whose `$` keys are operators the sender knows. The server checks it again on save.
 */
export function parseFilter(text: string): Parsed<Record<string, unknown> | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const parsed = parseJson(text, 'The filter');
  if (!parsed.ok) return parsed;
  if (!isObject(parsed.value)) {
    return { ok: false, error: 'The filter must be a JSON object, e.g. { "total": { "$gte": 100 } }.' };
  }
  const problem = findFilterProblem(parsed.value, 'filter', 0);
  return problem ? { ok: false, error: problem } : { ok: true, value: parsed.value };
}

function findFilterProblem(filter: Record<string, unknown>, at: string, depth: number): string | undefined {
  if (depth > 8) return `The filter nests deeper than 8 levels at ${at}.`;
  for (const [key, operand] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (!LOGICAL.has(key))
        return `Unknown operator ${key} at ${at}: use $and, $or or $not here, or a field path.`;
      const parts = key === '$not' ? [operand] : operand;
      if (!Array.isArray(parts) || parts.some((part) => !isObject(part))) {
        return key === '$not'
          ? `${at}.$not must be a filter object.`
          : `${at}.${key} must be a list of filter objects, e.g. [{ "a": 1 }, { "b": 2 }].`;
      }
      for (const [i, part] of parts.entries()) {
        const problem = findFilterProblem(part as Record<string, unknown>, `${at}.${key}[${i}]`, depth + 1);
        if (problem) return problem;
      }
    } else if (isObject(operand)) {
      const problem = findOperatorProblem(operand, `${at}.${key}`, depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}

function findOperatorProblem(
  operators: Record<string, unknown>,
  at: string,
  depth: number,
): string | undefined {
  if (depth > 8) return `The filter nests deeper than 8 levels at ${at}.`;
  const keys = Object.keys(operators);
  if (keys.length === 0)
    return `${at} is an empty object: compare with a value or an operator such as { "$eq": 1 }.`;
  for (const key of keys) {
    if (!OPERATORS.has(key)) {
      return `Unknown operator ${key} at ${at}: use one of ${[...OPERATORS].join(', ')}.`;
    }
    const operand = operators[key];
    if ((key === '$in' || key === '$nin') && !Array.isArray(operand))
      return `${at}.${key} must be a list of values.`;
    if (key === '$exists' && typeof operand !== 'boolean') return `${at}.$exists must be true or false.`;
    if (key === '$prefix' && typeof operand !== 'string') return `${at}.$prefix must be a string.`;
    if (key === '$not') {
      if (!isObject(operand)) return `${at}.$not must be an operator object such as { "$eq": 1 }.`;
      const problem = findOperatorProblem(operand, `${at}.$not`, depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** "Name: value" lines as a header object; blank lines are skipped. */
export function parseHeaders(text: string): Parsed<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      return { ok: false, error: `Header line ${i + 1} must look like "X-Name: value".` };
    }
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { ok: true, value: headers };
}

export function formatHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** The event filters: the catalogue's ticked names plus typed ones (comma or space separated). */
export function parseEventList(ticked: readonly string[], typed: string): Parsed<string[]> {
  const extra = typed
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter(Boolean);
  const bad = extra.find((name) => !/^(\*|[A-Za-z0-9_-]+(?:[.:/][A-Za-z0-9_-]+)*(?:\.\*)?)$/.test(name));
  if (bad !== undefined) {
    return {
      ok: false,
      error: `"${bad}" is not an event filter: use a type (invoice.paid), a prefix (invoice.*) or *.`,
    };
  }
  const events = [...new Set([...ticked, ...extra])];
  if (events.length === 0)
    return { ok: false, error: 'Pick at least one event type, or type * for every event.' };
  return { ok: true, value: events };
}
