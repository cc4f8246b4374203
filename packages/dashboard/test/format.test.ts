import { describe, expect, it } from 'vitest';
import type { Delivery } from '../ui/src/api.js';
import {
  absoluteTime,
  bucketDeliveries,
  formatDuration,
  formatRate,
  formatTime,
  headerLines,
  healthOf,
  matchesSearch,
  medianLagMs,
  plural,
  prettyBody,
  shortId,
} from '../ui/src/format.js';

const NOW = Date.parse('2025-01-31T12:00:00Z');
const delivery = (createdAt: string, status: Delivery['status'], eventId = 'evt_1'): Delivery => ({
  id: `dlv_${createdAt}`,
  eventId,
  eventType: 'order.paid',
  subscriptionId: 'sub_1',
  status,
  attempts: 1,
  nextAttemptAt: null,
  lastStatus: null,
  lastError: null,
  createdAt,
  updatedAt: createdAt,
});

describe('formatting', () => {
  it('tells times relative to now within a day, absolute beyond', () => {
    expect(formatTime('2025-01-31T11:59:58Z', NOW)).toBe('just now');
    expect(formatTime('2025-01-31T11:59:18Z', NOW)).toBe('42 s ago');
    expect(formatTime('2025-01-31T11:55:00Z', NOW)).toBe('5 min ago');
    expect(formatTime('2025-01-31T09:00:00Z', NOW)).toBe('3 h ago');
    expect(formatTime('2025-01-31T12:05:00Z', NOW)).toBe('in 5 min');
    expect(formatTime('2025-01-20T08:30:05Z', NOW)).toBe('2025-01-20 08:30:05 UTC');
    expect(formatTime(null, NOW)).toBe('—');
    expect(formatTime('not a time', NOW)).toBe('—');
    expect(absoluteTime('garbage')).toBe('—');
  });

  it('formats durations and rates', () => {
    expect(formatDuration(84.6)).toBe('85 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
    expect(formatRate(0, 0)).toBe('—');
    expect(formatRate(3, 0)).toBe('100 %');
    expect(formatRate(39, 1)).toBe('97.5 %');
    expect(formatRate(0, 4)).toBe('0 %');
  });

  it('counts deliveries by outcome in time buckets, oldest first, with distinct events', () => {
    const buckets = bucketDeliveries(
      [
        delivery('2025-01-31T11:58:00Z', 'succeeded', 'evt_a'),
        delivery('2025-01-31T11:57:00Z', 'failed', 'evt_a'),
        delivery('2025-01-31T11:51:00Z', 'pending', 'evt_b'),
        delivery('2025-01-31T10:00:00Z', 'succeeded'), // before the window
      ],
      NOW,
      5 * 60_000,
      3,
    );
    expect(buckets.map((b) => new Date(b.start).toISOString())).toEqual([
      '2025-01-31T11:50:00.000Z',
      '2025-01-31T11:55:00.000Z',
      '2025-01-31T12:00:00.000Z',
    ]);
    expect(buckets[0]).toMatchObject({ pending: 1, succeeded: 0, failed: 0, events: 1 });
    expect(buckets[1]).toMatchObject({ pending: 0, succeeded: 1, failed: 1, events: 1 });
    expect(buckets[2]).toMatchObject({ pending: 0, succeeded: 0, failed: 0, events: 0 });
  });

  it('shows bodies and headers as text: JSON indented, anything else as received', () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(prettyBody(null)).toBe('');
    expect(headerLines({ 'x-b': '2', 'x-a': ['1', '3'] })).toBe('x-a: 1\nx-a: 3\nx-b: 2');
  });

  it('measures the median lag from a delivery to its success, and counts in words', () => {
    const done = (created: string, updated: string) => ({
      ...delivery(created, 'succeeded'),
      updatedAt: updated,
    });
    expect(medianLagMs([])).toBeUndefined();
    expect(medianLagMs([delivery('2025-01-31T11:00:00Z', 'failed')])).toBeUndefined();
    expect(
      medianLagMs([
        done('2025-01-31T11:00:00Z', '2025-01-31T11:00:01Z'),
        done('2025-01-31T11:00:00Z', '2025-01-31T11:00:03Z'),
        done('2025-01-31T11:00:00Z', '2025-01-31T11:00:10Z'),
      ]),
    ).toBe(3000);
    expect(
      medianLagMs([
        done('2025-01-31T11:00:00Z', '2025-01-31T11:00:01Z'),
        done('2025-01-31T11:00:00Z', '2025-01-31T11:00:02Z'),
      ]),
    ).toBe(1500);
    expect(plural(1, 'attempt')).toBe('1 attempt');
    expect(plural(0, 'attempt')).toBe('0 attempts');
  });

  it('derives health, short ids and search matches', () => {
    expect(healthOf({ disabled: true, failingSince: null })).toBe('paused');
    expect(healthOf({ disabled: false, failingSince: '2025-01-31T00:00:00Z' })).toBe('failing');
    expect(healthOf({ disabled: false, failingSince: null }, { attempts: 0, failures: 0 })).toBe('new');
    expect(healthOf({ disabled: false, failingSince: null }, { attempts: 4, failures: 3 })).toBe('failing');
    expect(healthOf({ disabled: false, failingSince: null }, { attempts: 4, failures: 1 })).toBe('healthy');
    expect(shortId('dlv_01J0000000000000000009XYZ')).toBe('dlv_01J…9XYZ');
    expect(shortId('sub_short')).toBe('sub_short');
    const subscription = {
      id: 'sub_1',
      url: 'https://acme.test/hook',
      description: null,
      tenant: 'acme',
      events: ['invoice.*'],
    };
    expect(matchesSearch(subscription, ' ACME ')).toBe(true);
    expect(matchesSearch(subscription, 'invoice')).toBe(true);
    expect(matchesSearch(subscription, 'globex')).toBe(false);
    expect(matchesSearch(subscription, '')).toBe(true);
  });
});
