import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startTestDemo, type TestDemo } from './support.js';

// What the management API fuzz (api-fuzz.test.ts) found, kept found over HTTP.
let t: TestDemo;

beforeAll(async () => {
  t = await startTestDemo({ HOOKWIRE_ROLE: 'api' });
});

afterAll(async () => {
  await t?.close();
});

async function answer(path: string, init: RequestInit) {
  const response = await t.api(path, init, OPERATOR_TOKEN);
  return {
    status: response.status,
    error: ((await response.json()) as { error: Record<string, unknown> }).error,
  };
}

describe('found by the management API fuzz', () => {
  it('an event-type schema whose $ref loops in place is refused (400 naming schema), not a 500', async () => {
    for (const schema of [
      { allOf: [{ $ref: '#' }] },
      { $defs: { a: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' },
    ]) {
      for (const [path, method, body] of [
        ['/event-types', 'POST', { name: 'loop.created', schema }],
        ['/event-types', 'POST', { name: 'loop.created', schema, example: false }],
        ['/event-types/loop.created', 'PATCH', { schema }],
      ] as const) {
        const { status, error } = await answer(path, { method, body: JSON.stringify(body) });
        if (method === 'PATCH' && status === 404) continue;
        expect([status, error.field], JSON.stringify(body)).toEqual([400, 'schema']);
        expect(error.message).toContain('$ref');
      }
    }
    // A recursive schema that descends into the value stays accepted.
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } };
    const created = await answer('/event-types', {
      method: 'POST',
      body: JSON.stringify({ name: 'tree.created', schema: tree, example: { children: [{ children: [] }] } }),
    });
    expect(created.status).toBe(201);
  });

  it('the inbox names an empty field or query parameter "" instead of leaving the field out', async () => {
    const query = await answer('/inbox/events?=1', {});
    expect([query.status, query.error.code, query.error.field]).toEqual([400, 'invalid_request', '']);
    const body = await answer('/inbox/purge', { method: 'POST', body: JSON.stringify({ '': {} }) });
    expect([body.status, body.error.field]).toEqual([400, '']);
  });
});
