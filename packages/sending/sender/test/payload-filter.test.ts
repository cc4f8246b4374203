import { compileFilter, FilterCache, isSenderError } from '@hookwire/sender';
import { FILTER_PAYLOADS, FILTER_TABLE } from '@hookwire/sender/testing';
import { describe, expect, it } from 'vitest';

function refusal(filter: unknown): { field?: string; message: string } {
  try {
    compileFilter(filter);
  } catch (error) {
    if (isSenderError(error))
      return { ...(error.field !== undefined ? { field: error.field } : {}), message: error.message };
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(filter)}`);
}

describe('payload filters', () => {
  it('matches the table of payloads × filters', () => {
    const outcomes = FILTER_TABLE.map(({ filter }) => {
      const match = compileFilter(filter);
      return FILTER_PAYLOADS.map(({ data }) => match(data));
    });
    expect(outcomes).toEqual(FILTER_TABLE.map((row) => row.expected));
  });

  it('names the path of the bad node', () => {
    const cases: [unknown, string, RegExp][] = [
      [[], 'filter', /JSON object/],
      [{ total: { $gte: '1', $regex: 'a' } }, 'filter.total.$regex', /Unknown operator "\$regex"/],
      [
        { $or: [{ a: 1 }, { b: { $in: [1, {}] } }] },
        'filter.$or[1].b.$in[1]',
        /string, number, boolean or null/,
      ],
      [{ $and: [] }, 'filter.$and', /1 to 100 filters/],
      [{ $where: 'x' }, 'filter.$where', /Unknown operator/],
      [{ 'a..b': 1 }, 'filter["a..b"]', /not a path/],
      [{ 'items.0.sku': [1] }, 'filter["items.0.sku"]', /\$in/],
      [{ total: { $gt: true } }, 'filter.total.$gt', /number or a string/],
      [{ total: { $exists: 'yes' } }, 'filter.total.$exists', /true or false/],
      [{ total: {} }, 'filter.total', /at least one operator/],
      [{ total: { $not: 5 } }, 'filter.total.$not', /operator object/],
      [{ total: Number.NaN }, 'filter.total', /string, number/],
      [{ name: { $prefix: 7 } }, 'filter.name.$prefix', /literally/],
    ];
    for (const [filter, field, message] of cases) {
      const problem = refusal(filter);
      expect([JSON.stringify(filter), problem.field]).toEqual([JSON.stringify(filter), field]);
      expect(problem.message).toMatch(message);
    }
  });

  it('refuses a filter nested 1,000 deep, a huge $in list and too many conditions, without recursing into them', () => {
    let deep: unknown = { a: 1 };
    for (let i = 0; i < 1000; i++) deep = { $not: deep };
    const depth = refusal(deep);
    expect(depth.field).toBe(`filter${'.$not'.repeat(9)}`);
    expect(depth.message).toMatch(/nests too deep/);
    const huge = refusal({ id: { $in: Array.from({ length: 100_000 }, (_, i) => i) } });
    expect(huge).toMatchObject({ field: 'filter.id.$in' });
    expect(huge.message).toMatch(/1 to 200/);
    const wide = refusal({
      $or: Array.from({ length: 100 }, (_, i) => ({ [`f${i}`]: { $in: [1, 2, 3, 4, 5] } })),
    });
    expect(wide.message).toMatch(/too large/);
  });

  it('treats regex-like strings literally', () => {
    const match = compileFilter({ path: { $prefix: '/api/(.*)+$' }, name: '.*' });
    expect(match({ path: '/api/(.*)+$/x', name: '.*' })).toBe(true);
    expect(match({ path: '/api/users', name: 'anything' })).toBe(false);
  });

  it('follows own properties only, never the prototype chain', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}');
    expect(compileFilter({ '__proto__.polluted': true })(data)).toBe(true);
    expect(compileFilter({ 'x.constructor.name': 'Number' })(data)).toBe(false);
    expect(compileFilter({ hasOwnProperty: { $exists: true } })({})).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('compiles each distinct filter once, by object and by text', () => {
    const cache = new FilterCache();
    const filter = { total: { $gte: 100 } };
    const first = cache.matcher(filter);
    expect(cache.matcher(filter)).toBe(first);
    expect(cache.matcher(JSON.parse(JSON.stringify(filter)))).toBe(first);
    expect(cache.matcher({ total: { $gte: 101 } })).not.toBe(first);
    expect(first({ total: 100 })).toBe(true);
  });
});
