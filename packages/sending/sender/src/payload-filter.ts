import { isRecord } from '@hookwire/core';
import { invalid } from './errors.js';

/**
 * The payload filter language: a JSON object over an event's `data`, checked once and compiled to
 * a tree of closures (no `eval`, no regular expressions).
 *
 * - `{ "path": value }`: the value at `path` equals `value` (a string, number, boolean or null).
 * - `{ "path": { "$op": operand, … } }`: every operator holds. `$eq`, `$neq`, `$in`, `$nin`,
 *   `$gt`, `$gte`, `$lt`, `$lte` (numbers with numbers, strings with strings), `$exists` (true or
 *   false), `$prefix` (a string starts with it, literally), `$not` (an operator object).
 * - `{ "$and": [filters] }`, `{ "$or": [filters] }`, `{ "$not": filter }`. Keys side by side all hold.
 * - A path is dotted: `customer.address.country`, `items.0.sku` (an index), `items.sku` (any item).
 *   Only own properties are followed. When a path reaches several values (through an array), a
 *   positive operator holds when one of them matches, `$neq` and `$nin` when none does; an array at
 *   the end of a path is compared item by item. A missing value matches only `$neq`, `$nin` and
 *   `$exists: false`.
 */
export type PayloadFilter = { [key: string]: unknown };

export type FilterMatcher = (data: unknown) => boolean;

type Scalar = string | number | boolean | null;

export const FILTER_LIMITS = {
  /** Nesting of `$and`, `$or`, `$not` and operator objects. */
  depth: 8,
  /** Conditions, operators and list items together. */
  nodes: 500,
  /** Items of one `$in` / `$nin` list. */
  list: 200,
  /** Characters of a path, and of a compared string. */
  text: 1000,
  segments: 32,
} as const;

const OPERATORS = ['$eq', '$neq', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists', '$prefix', '$not'];
const LOGICAL = ['$and', '$or', '$not'];

interface Compiling {
  nodes: number;
}

/**
 * Checks a filter and compiles it. Throws an `invalid_input` SenderError whose field is the path of
 * the bad node (`filter.$or[1].total.$gte`), with what is wrong and what is allowed.
 */
export function compileFilter(filter: unknown, field = 'filter'): FilterMatcher {
  return compileCondition(filter, field, 0, { nodes: 0 });
}

/** Checks a filter; returns it unchanged (the stored form) or throws like `compileFilter`. */
export function validateFilter(filter: unknown, field = 'filter'): PayloadFilter {
  compileFilter(filter, field);
  return filter as PayloadFilter;
}

function count(state: Compiling, at: string, by = 1): void {
  state.nodes += by;
  if (state.nodes > FILTER_LIMITS.nodes) {
    throw invalid(at, `The filter is too large: at most ${FILTER_LIMITS.nodes} conditions and list items.`);
  }
}

function deeper(depth: number, at: string): number {
  if (depth + 1 > FILTER_LIMITS.depth) {
    throw invalid(at, `The filter nests too deep: at most ${FILTER_LIMITS.depth} levels.`);
  }
  return depth + 1;
}

/** `filter.total`, `filter["items.0.sku"]`: keys with dots are quoted so the path stays readable. */
function child(at: string, key: string): string {
  return /^[A-Za-z0-9_$-]+$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
}

function compileCondition(value: unknown, at: string, depth: number, state: Compiling): FilterMatcher {
  if (!isRecord(value)) {
    throw invalid(at, `A filter must be a JSON object such as { "total": { "$gte": 100 } }.`);
  }
  const parts: FilterMatcher[] = [];
  for (const [key, operand] of Object.entries(value)) {
    count(state, at);
    const here = child(at, key);
    if (key.startsWith('$')) parts.push(compileLogical(key, operand, here, depth, state));
    else parts.push(compileField(parsePath(key, here), operand, here, depth, state));
  }
  return all(parts);
}

function compileLogical(
  key: string,
  operand: unknown,
  at: string,
  depth: number,
  state: Compiling,
): FilterMatcher {
  const next = deeper(depth, at);
  if (key === '$not') {
    const inner = compileCondition(operand, at, next, state);
    return (data) => !inner(data);
  }
  if (key !== '$and' && key !== '$or') {
    throw invalid(
      at,
      `Unknown operator "${key}" here. At this level use a dotted path or one of ${LOGICAL.join(', ')}; field operators (${OPERATORS.join(', ')}) go inside { "path": { … } }.`,
    );
  }
  if (!Array.isArray(operand) || operand.length === 0 || operand.length > 100) {
    throw invalid(at, `"${key}" takes an array of 1 to 100 filters.`);
  }
  const inner = operand.map((item, index) => compileCondition(item, `${at}[${index}]`, next, state));
  return key === '$and' ? all(inner) : (data) => inner.some((match) => match(data));
}

function parsePath(key: string, at: string): string[] {
  const segments = key.split('.');
  if (
    key.length > FILTER_LIMITS.text ||
    segments.length > FILTER_LIMITS.segments ||
    segments.some((segment) => segment.length === 0)
  ) {
    throw invalid(
      at,
      `"${key.slice(0, 80)}" is not a path: use dot-separated names such as "customer.address.country" (at most ${FILTER_LIMITS.segments} parts).`,
    );
  }
  return segments;
}

function compileField(
  path: string[],
  operand: unknown,
  at: string,
  depth: number,
  state: Compiling,
): FilterMatcher {
  const test = isRecord(operand)
    ? compileOperators(operand, at, deeper(depth, at), state)
    : compileOperator('$eq', operand, at, state);
  return (data) => test(resolve(data, path));
}

/** A test on the values a path reached (empty when it reached nothing). */
type ValueTest = (values: unknown[]) => boolean;

function compileOperators(
  operators: Record<string, unknown>,
  at: string,
  depth: number,
  state: Compiling,
): ValueTest {
  const keys = Object.keys(operators);
  if (keys.length === 0)
    throw invalid(at, 'An operator object needs at least one operator, e.g. { "$eq": 1 }.');
  const tests = keys.map((key) => {
    count(state, at);
    const here = child(at, key);
    if (key === '$not') {
      if (!isRecord(operators[key])) {
        throw invalid(
          here,
          '"$not" on a field takes an operator object, e.g. { "$not": { "$in": [1, 2] } }.',
        );
      }
      const inner = compileOperators(
        operators[key] as Record<string, unknown>,
        here,
        deeper(depth, here),
        state,
      );
      return (values: unknown[]) => !inner(values);
    }
    return compileOperator(key, operators[key], here, state);
  });
  return tests.length === 1 ? tests[0]! : (values) => tests.every((test) => test(values));
}

function compileOperator(key: string, operand: unknown, at: string, state: Compiling): ValueTest {
  switch (key) {
    case '$eq': {
      const expected = scalar(operand, at);
      return (values) => values.some((value) => equalsOrContains(value, expected));
    }
    case '$neq': {
      const expected = scalar(operand, at);
      return (values) => !values.some((value) => equalsOrContains(value, expected));
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand) || operand.length === 0 || operand.length > FILTER_LIMITS.list) {
        throw invalid(
          at,
          `"${key}" takes an array of 1 to ${FILTER_LIMITS.list} strings, numbers, booleans or nulls.`,
        );
      }
      count(state, at, operand.length);
      const set = new Set(operand.map((item, index) => scalar(item, `${at}[${index}]`)));
      const any = (values: unknown[]) =>
        values.some((value) =>
          Array.isArray(value) ? value.some((item) => set.has(item as Scalar)) : set.has(value as Scalar),
        );
      return key === '$in' ? any : (values) => !any(values);
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (!(typeof operand === 'string' || (typeof operand === 'number' && Number.isFinite(operand)))) {
        throw invalid(
          at,
          `"${key}" takes a number or a string (strings compare character by character, e.g. ISO dates).`,
        );
      }
      checkText(operand, at);
      const compare = comparison(key, operand);
      return (values) => someItem(values, compare);
    }
    case '$exists': {
      if (typeof operand !== 'boolean') throw invalid(at, '"$exists" takes true or false.');
      return operand ? (values) => values.length > 0 : (values) => values.length === 0;
    }
    case '$prefix': {
      if (typeof operand !== 'string')
        throw invalid(at, '"$prefix" takes a string (compared literally, not as a pattern).');
      checkText(operand, at);
      return (values) => someItem(values, (value) => typeof value === 'string' && value.startsWith(operand));
    }
    default:
      throw invalid(at, `Unknown operator "${key}". Use one of ${OPERATORS.join(', ')}.`);
  }
}

function comparison(key: string, operand: string | number): (value: unknown) => boolean {
  const same = (value: unknown): value is string | number =>
    typeof value === typeof operand && (typeof value !== 'number' || !Number.isNaN(value));
  switch (key) {
    case '$gt':
      return (value) => same(value) && value > operand;
    case '$gte':
      return (value) => same(value) && value >= operand;
    case '$lt':
      return (value) => same(value) && value < operand;
    default:
      return (value) => same(value) && value <= operand;
  }
}

function scalar(value: unknown, at: string): Scalar {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    if (typeof value === 'string') checkText(value, at);
    return value;
  }
  throw invalid(
    at,
    'Compare with a string, number, boolean or null. To match several values use { "$in": [...] }; to reach into an object use a dotted path.',
  );
}

function checkText(value: string | number, at: string): void {
  if (typeof value === 'string' && value.length > FILTER_LIMITS.text) {
    throw invalid(at, `Strings in a filter are at most ${FILTER_LIMITS.text} characters.`);
  }
}

function all(parts: FilterMatcher[]): FilterMatcher {
  if (parts.length === 1) return parts[0]!;
  return (data) => {
    for (const part of parts) if (!part(data)) return false;
    return true;
  };
}

function equalsOrContains(value: unknown, expected: Scalar): boolean {
  return value === expected || (Array.isArray(value) && value.includes(expected));
}

function someItem(values: unknown[], test: (value: unknown) => boolean): boolean {
  return values.some((value) => (Array.isArray(value) ? value.some(test) : test(value)));
}

/** The values `path` reaches in `data`: own properties only, indexes into arrays, any item otherwise. */
function resolve(data: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [data];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) step(value, segment, next, true);
    if (next.length === 0) return next;
    current = next;
  }
  return current;
}

function step(value: unknown, segment: string, into: unknown[], spread: boolean): void {
  if (Array.isArray(value)) {
    if (/^(0|[1-9][0-9]*)$/.test(segment)) {
      const index = Number(segment);
      if (index < value.length) into.push(value[index]);
      return;
    }
    // `items.sku`: the `sku` of any item (one level of arrays).
    if (spread) for (const item of value) step(item, segment, into, false);
    return;
  }
  if (isRecord(value) && Object.hasOwn(value, segment)) into.push(value[segment]);
}

/** What a stored filter that no longer compiles (written by an older version) matches: nothing. */
const MATCHES_NOTHING: FilterMatcher = () => false;

/**
 * Compiled filters, so a publish compiles nothing it has seen: by object (stores that hand out
 * shared snapshots) and by JSON text (stores that keep the text: the lean look-up hands it over
 * unparsed, so a publish to thousands parses and compiles only the texts it has not met), bounded.
 */
export class FilterCache {
  private readonly byObject = new WeakMap<object, FilterMatcher>();
  private readonly byText = new Map<string, FilterMatcher>();

  constructor(private readonly maxEntries = 10_000) {}

  /** Throws when `filter` does not compile (an object); see `storedMatcher` for stored filters. */
  matcher(filter: PayloadFilter): FilterMatcher {
    let matcher = this.byObject.get(filter);
    if (matcher) return matcher;
    const text = JSON.stringify(filter);
    matcher = this.byText.get(text);
    if (!matcher) {
      matcher = compileFilter(filter);
      this.remember(text, matcher);
    }
    this.byObject.set(filter, matcher);
    return matcher;
  }

  /**
   * The matcher of a stored filter, parsed or as JSON text. One that no longer compiles (stored by
   * an older version) matches nothing rather than everything, and is remembered as such.
   */
  storedMatcher(filter: PayloadFilter | string): FilterMatcher {
    if (typeof filter !== 'string') {
      try {
        return this.matcher(filter);
      } catch {
        this.byObject.set(filter, MATCHES_NOTHING);
        return MATCHES_NOTHING;
      }
    }
    let matcher = this.byText.get(filter);
    if (matcher) return matcher;
    try {
      matcher = compileFilter(JSON.parse(filter));
    } catch {
      matcher = MATCHES_NOTHING;
    }
    this.remember(filter, matcher);
    return matcher;
  }

  private remember(text: string, matcher: FilterMatcher): void {
    if (this.byText.size >= this.maxEntries) this.byText.delete(this.byText.keys().next().value!);
    this.byText.set(text, matcher);
  }
}
