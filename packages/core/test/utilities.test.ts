import {
  candidateFilters,
  checkTimestamp,
  createMemoryDedupeStore,
  createWebhookRequest,
  DEFAULT_RETRY_SCHEDULE,
  getHeader,
  leaseToken,
  matchesAnyFilter,
  matchesEventFilter,
  normalizeCodes,
  normalizeSecrets,
  parseJsonBody,
  parseRetrySchedule,
  requireHeader,
  retryDelayMs,
  timeOrderedId,
  validateEventFilter,
  verifyCodeParameter,
} from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('event filters', () => {
  it('matches *, prefixes and exact names', () => {
    expect(matchesEventFilter('*', 'anything')).toBe(true);
    expect(matchesEventFilter('invoice.*', 'invoice.paid')).toBe(true);
    expect(matchesEventFilter('invoice.*', 'invoice')).toBe(false);
    expect(matchesEventFilter('invoice.*', 'invoices.paid')).toBe(false);
    expect(matchesEventFilter('invoice.paid', 'invoice.paid')).toBe(true);
    expect(matchesEventFilter('repo:*', 'repo:push')).toBe(true);
    expect(matchesAnyFilter(['a.b', 'c.*'], 'c.d')).toBe(true);
    expect(matchesAnyFilter([], 'c.d')).toBe(false);
  });

  it('lists every filter that can match a name, for index look-ups', () => {
    expect(candidateFilters('invoice.paid.late').sort()).toEqual(
      ['*', 'invoice.*', 'invoice.paid.*', 'invoice.paid.late'].sort(),
    );
    for (const name of ['a.b:c/d', 'x']) {
      for (const filter of candidateFilters(name)) expect(matchesEventFilter(filter, name)).toBe(true);
    }
  });

  it('validates filters with a reason', () => {
    expect(validateEventFilter('*')).toBeUndefined();
    expect(validateEventFilter('invoice.*')).toBeUndefined();
    expect(validateEventFilter('inv*')).toMatch(/not a valid filter/);
    expect(validateEventFilter('a.*.b')).toMatch(/not a valid filter/);
    expect(validateEventFilter('')).toMatch(/non-empty/);
    expect(validateEventFilter(3)).toMatch(/string/);
  });
});

describe('retry schedule', () => {
  it('follows the schedule with bounded jitter, then gives up', () => {
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 1, { random: () => 0.5 })).toBe(5000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 2, { random: () => 0 })).toBe(240_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 2, { random: () => 1 })).toBe(360_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 8)).toBeUndefined();
  });
  it('parses comma-separated seconds and rejects garbage', () => {
    expect(parseRetrySchedule('5, 300,1800')).toEqual([5, 300, 1800]);
    expect(() => parseRetrySchedule('5,,3')).toThrow(/seconds/);
    expect(() => parseRetrySchedule('-1')).toThrow(/seconds/);
  });
});

describe('timestamps', () => {
  const base = { nowMs: 1_000_000, toleranceSeconds: 300, header: 'X-Ts' };
  it('accepts within tolerance and rejects outside, both ways', () => {
    expect(() => checkTimestamp({ ...base, timestampMs: 1_000_000 - 300_000 })).not.toThrow();
    expect(() => checkTimestamp({ ...base, timestampMs: 1_000_000 - 300_001 })).toThrow(
      expect.objectContaining({ code: 'timestamp_too_old', status: 401 }),
    );
    expect(() => checkTimestamp({ ...base, timestampMs: 1_000_000 + 300_001 })).toThrow(
      expect.objectContaining({ code: 'timestamp_in_future' }),
    );
    expect(() =>
      checkTimestamp({ ...base, timestampMs: 1_000_000 + 900_000, rejectFuture: false }),
    ).not.toThrow();
  });
});

describe('headers and bodies', () => {
  const request = createWebhookRequest({ headers: { 'X-One': 'a', 'x-two': ['b', 'c'] }, body: '{"a":' });
  it('reads headers case-insensitively and rejects duplicates', () => {
    expect(getHeader(request, 'X-ONE')).toBe('a');
    expect(() => getHeader(request, 'x-two')).toThrow(expect.objectContaining({ code: 'duplicate_header' }));
    expect(() => requireHeader(request, 'x-three', 'Hint.')).toThrow(/x-three header is missing\. Hint\./);
  });
  it('reports malformed JSON as malformed_body', () => {
    expect(() => parseJsonBody(request, 'Test')).toThrow(
      expect.objectContaining({ code: 'malformed_body', status: 400 }),
    );
  });
});

describe('secrets and codes', () => {
  it('normalises secrets and rejects whitespace, empties and missing ones', () => {
    expect(normalizeSecrets('a', 'P')).toEqual(['a']);
    expect(normalizeSecrets(['a', 'b'], 'P')).toEqual(['a', 'b']);
    expect(() => normalizeSecrets(undefined, 'P')).toThrow(/required/);
    expect(() => normalizeSecrets(' a', 'P')).toThrow(/whitespace/);
    expect(() => normalizeSecrets(['a', ''], 'P')).toThrow(/#2/);
  });

  const code = 'c'.repeat(32);
  it('requires codes of 32 to 128 characters', () => {
    expect(() => normalizeCodes('short', 'P')).toThrow(/32 to 128/);
    expect(normalizeCodes(code, 'P')).toEqual([code]);
  });
  it('checks the code parameter over https only (localhost excepted)', () => {
    const at = (url: string) => createWebhookRequest({ url });
    expect(() => verifyCodeParameter(at(`https://x.test/h?code=${code}`), [code], 'P')).not.toThrow();
    expect(() => verifyCodeParameter(at(`http://localhost:3000/h?code=${code}`), [code], 'P')).not.toThrow();
    expect(() => verifyCodeParameter(at(`http://x.test/h?code=${code}`), [code], 'P')).toThrow(/https/);
    expect(() => verifyCodeParameter(at('https://x.test/h'), [code], 'P')).toThrow(/missing/);
    expect(() => verifyCodeParameter(at(`https://x.test/h?code=${'d'.repeat(32)}`), [code], 'P')).toThrow(
      expect.objectContaining({ code: 'unauthorized', status: 401 }),
    );
  });
});

describe('memory dedupe store', () => {
  it('remembers ids until they expire and forgets the oldest beyond max', () => {
    let now = 0;
    const store = createMemoryDedupeStore({ max: 2, now: () => now });
    store.add('a', 1000);
    expect(store.has('a')).toBe(true);
    now = 1000;
    expect(store.has('a')).toBe(false);
    store.add('b', 5000);
    store.add('c', 5000);
    store.add('d', 5000);
    expect(store.has('b')).toBe(false);
    expect(store.has('d')).toBe(true);
  });
});

describe('timeOrderedId and leaseToken', () => {
  it('makes ids that sort in creation order, within one millisecond too, with the prefix and width kept', () => {
    const ids = [
      timeOrderedId('sub', 1_700_000_000_000),
      timeOrderedId('sub', 1_700_000_000_000),
      timeOrderedId('sub', 1_700_000_000_000),
      timeOrderedId('sub', 1_700_000_000_001),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^sub_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(timeOrderedId('evt', 0).slice(4, 14)).toBe('0000000000');
    expect(timeOrderedId('evt', 1_700_000_000_000).slice(4, 14)).toBe('01HF7YAT00');
    expect(timeOrderedId('webhook', 2 ** 48 - 1)).toMatch(/^webhook_7ZZZZZZZZZ[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('gives a new lease token on every call', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => leaseToken()));
    expect(tokens.size).toBe(1000);
  });
});
