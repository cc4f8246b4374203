import { describe, expect, it } from 'vitest';
import {
  formatHeaders,
  parseEventList,
  parseFilter,
  parseHeaders,
  parseJson,
} from '../ui/src/filter-editor.js';

describe('filter editor', () => {
  it('reads an empty filter as none and a valid one as its object', () => {
    expect(parseFilter('  ')).toEqual({ ok: true, value: null });
    expect(parseFilter('{ "total": { "$gte": 100 }, "currency": "EUR" }')).toEqual({
      ok: true,
      value: { total: { $gte: 100 }, currency: 'EUR' },
    });
    expect(
      parseFilter('{ "$or": [{ "a": 1 }, { "b": { "$not": { "$in": [1, 2] } } }], "c": { "$exists": true } }')
        .ok,
    ).toBe(true);
  });

  it('says what is wrong and how to fix it', () => {
    const bad = (text: string) => {
      const parsed = parseFilter(text);
      if (parsed.ok) throw new Error(`accepted ${text}`);
      return parsed.error;
    };
    expect(bad('{ "total": ')).toMatch(/^The filter is not valid JSON/);
    expect(bad('[1]')).toMatch(/must be a JSON object/);
    expect(bad('{ "total": { "$gtee": 1 } }')).toMatch(
      /Unknown operator \$gtee at filter\.total: use one of \$eq/,
    );
    expect(bad('{ "$xor": [] }')).toMatch(/Unknown operator \$xor at filter: use \$and, \$or or \$not/);
    expect(bad('{ "$or": { "a": 1 } }')).toMatch(/filter\.\$or must be a list of filter objects/);
    expect(bad('{ "a": { "$in": 1 } }')).toBe('filter.a.$in must be a list of values.');
    expect(bad('{ "a": { "$exists": "yes" } }')).toBe('filter.a.$exists must be true or false.');
    expect(bad('{ "a": { "$prefix": 1 } }')).toBe('filter.a.$prefix must be a string.');
    expect(bad('{ "a": {} }')).toMatch(/filter\.a is an empty object/);
    expect(bad('{ "$and": [{ "a": { "$nope": 1 } }] }')).toMatch(/at filter\.\$and\[0\]\.a/);
    let deep: Record<string, unknown> = { a: 1 };
    for (let i = 0; i < 10; i += 1) deep = { $not: deep };
    expect(bad(JSON.stringify(deep))).toMatch(/deeper than 8 levels/);
  });

  it('parses samples, headers and event lists', () => {
    expect(parseJson('{"total": 5}', 'The sample')).toEqual({ ok: true, value: { total: 5 } });
    expect(parseJson('{', 'The sample').ok).toBe(false);
    expect(parseHeaders('X-Team: billing\n\n  X-Env : prod  ')).toEqual({
      ok: true,
      value: { 'x-team': 'billing', 'x-env': 'prod' },
    });
    expect(parseHeaders('no colon here')).toEqual({
      ok: false,
      error: 'Header line 1 must look like "X-Name: value".',
    });
    expect(formatHeaders({ 'x-team': 'billing', 'x-env': 'prod' })).toBe('x-team: billing\nx-env: prod');
    expect(parseEventList(['order.paid'], 'invoice.*, order.paid *')).toEqual({
      ok: true,
      value: ['order.paid', 'invoice.*', '*'],
    });
    expect(parseEventList([], '')).toEqual({
      ok: false,
      error: 'Pick at least one event type, or type * for every event.',
    });
    expect(parseEventList([], 'bad..name')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"bad\.\.name" is not an event filter/),
    });
  });
});
