import {
  buildRequest,
  isSenderError,
  type StoredEvent,
  type Subscription,
  validateSubscriptionInput,
} from '@hookwire/sender';
import { describe, expect, it } from 'vitest';

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isSenderError(error)) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

const base = { url: 'https://a.example/hooks', events: ['*'] };

describe('event filters that can never match a valid type', () => {
  it.each([
    ['a\u0000b', '"a\\u0000b"'],
    ['café.paid', '"café.paid"'],
    ['café.*', '"café.*"'],
    ['invoice..paid', '"invoice..paid"'],
    ['.invoice', '".invoice"'],
    ['invoice.', '"invoice."'],
    ['invoice.paid!', '"invoice.paid!"'],
    ['a\u200bb', '"a\u200bb"'],
  ])('refuses %j, naming the filter', (filter, named) => {
    const problem = refusal(() => validateSubscriptionInput({ ...base, events: ['ok.*', filter] }));
    expect(problem.field).toBe('events[1]');
    expect(problem.message).toContain(named);
    expect(problem.message).toMatch(/can never match an event type/);
  });

  it.each([['*'], ['invoice.*'], ['invoice.paid'], ['slack:command/*'], ['a_b-c.d:e/f']])(
    'accepts %j',
    (filter) => {
      expect(validateSubscriptionInput({ ...base, events: [filter] }).events).toEqual([filter]);
    },
  );
});

describe('header names that are JavaScript object properties', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'TOSTRING'])(
    'refuses %s as reserved, not as "given twice"',
    (name) => {
      // JSON.parse keeps `__proto__` as an own key, as a request body would.
      const headers = JSON.parse(`{${JSON.stringify(name)}: "x"}`);
      expect(Object.keys(headers)).toEqual([name]);
      const problem = refusal(() => validateSubscriptionInput({ ...base, headers }));
      expect(problem.field).toBe(`headers.${name}`);
      expect(problem.message).toMatch(/reserved/);
      expect(problem.message).not.toMatch(/twice/);
    },
  );

  it('still refuses a header given twice, and returns an ordinary object', () => {
    const problem = refusal(() =>
      validateSubscriptionInput({ ...base, headers: { 'X-Key': 'a', 'x-key': 'b' } }),
    );
    expect(problem.message).toMatch(/given twice/);
    const valid = validateSubscriptionInput({ ...base, headers: { 'X-Key': 'a' } });
    expect(valid.headers).toEqual({ 'x-key': 'a' });
    expect(Object.getPrototypeOf(valid.headers)).toBe(Object.prototype);
  });
});

describe('ASP.NET format: the envelope comes from the event, never from data', () => {
  const subscription: Subscription = {
    id: 'sub_1',
    tenant: 'acme',
    url: 'https://a.example/hooks',
    events: ['*'],
    secrets: [{ secret: 'a-shared-secret-of-thirty-two-chars-or-more', createdAt: 0 }],
    headers: {},
    metadata: { k: 'v' },
    format: 'aspnet',
    disabled: false,
    createdAt: 0,
    updatedAt: 0,
  };
  const request = (data: unknown) => {
    const event: StoredEvent = { id: 'evt_1', type: 'asp.created', data, createdAt: 0 };
    const built = buildRequest({ event, subscription, attempt: 2, now: 0, userAgent: 'test' });
    return JSON.parse(built.body);
  };

  it('keeps the event type as Action whatever data says', () => {
    const body = request({ Action: 'spoofed.action', ACTION: 'x', action: 'y', amount: 5 });
    expect(body).toEqual({
      Id: 'evt_1',
      Attempt: 2,
      Properties: { k: 'v' },
      Notifications: [{ Action: 'asp.created', amount: 5 }],
    });
  });

  it('keeps a __proto__ key of data as a plain field and the Action intact', () => {
    const body = request(JSON.parse('{"__proto__": {"Action": "spoofed.action"}, "n": 1}'));
    expect(body.Notifications[0].Action).toBe('asp.created');
    expect(body.Notifications[0].n).toBe(1);
    expect(Object.keys(body.Notifications[0])).toEqual(['Action', '__proto__', 'n']);
  });

  it('puts data that is not an object under Data', () => {
    expect(request([1, 2]).Notifications).toEqual([{ Action: 'asp.created', Data: [1, 2] }]);
  });
});
