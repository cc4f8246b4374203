import { WebhookConfigError } from '@hookwire/core';
import {
  createMemoryStore,
  createSender,
  newId,
  parseRetryAfter,
  type SenderStore,
  validateJsonSchema,
} from '@hookwire/sender';
import { describe, expect, it } from 'vitest';

describe('createSender configuration', () => {
  it('refuses a missing store, a store that is no queue without a queue, and bad numbers', () => {
    expect(() => createSender({} as never)).toThrow(WebhookConfigError);
    const {
      claim: _c,
      schedule: _s,
      release: _r,
      settle: _t,
      ...notAQueue
    } = Object.getOwnPropertyDescriptors(Object.getPrototypeOf(createMemoryStore()));
    const plain = Object.create(Object.prototype, notAQueue) as SenderStore;
    expect(() => createSender({ store: plain })).toThrow(/not a delivery queue/);
    expect(() => createSender({ store: createMemoryStore(), concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createSender({ store: createMemoryStore(), retrySchedule: [-1] })).toThrow(
      WebhookConfigError,
    );
  });
});

describe('Retry-After', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('ids', () => {
  it('sort in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId('dlv', 1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
    expect(newId('sub', 1_700_000_000_001) > ids.at(-1)!.replace('dlv', 'sub')).toBe(true);
  });
});

describe('JSON Schema subset', () => {
  const schema = {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' } } },
      },
      status: { oneOf: [{ const: 'open' }, { const: 'closed' }] },
      note: { anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }] },
      total: { type: 'number', exclusiveMinimum: 0 },
    },
  };
  it.each([
    [{ items: [{ sku: 'ABC-1' }], status: 'open', note: null, total: 1 }, undefined],
    [{ items: [] }, 'data.items'],
    [{ items: [{ sku: 'abc' }] }, 'data.items[0].sku'],
    [{ items: [{}], status: 'pending' }, 'data.status'],
    [{ items: [{}], note: 'too long' }, 'data.note'],
    [{ items: [{}], total: 0 }, 'data.total'],
    [{ items: [{}], total: '5' }, 'data.total'],
    [[], 'data'],
  ])('%j → %s', (value, path) => {
    expect(validateJsonSchema(schema, value)?.path).toBe(path);
  });
});
