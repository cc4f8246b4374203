import { describeReceiver, errorCodeOf, eventOf } from '@hookwire/core/testing';
import { genericJson } from '@hookwire/generic-json';
import { createGenericJsonRequest } from '@hookwire/generic-json/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
const payload = { name: 'Ada', email: 'ada@example.com' };

describeReceiver({
  provider: 'generic-json',
  create: ({ secret, ...options }) => genericJson({ code: secret, ...options }),
  sign: ({ secret }) => createGenericJsonRequest({ code: secret, action: 'new_lead', payload }),
  credential: 'code',
  event: { name: 'new_lead' },
});

describe('generic JSON receiver', () => {
  it('names the event by ?action= and passes any JSON through', async () => {
    const event = await eventOf(
      genericJson({ code }).receive(createGenericJsonRequest({ code, action: 'new_lead', payload })),
    );
    expect(event.name).toBe('new_lead');
    expect(event.payload).toEqual(payload);
    expect(event.provider).toBe('generic-json');
    expect(event.id).toBeUndefined();
  });

  it('defaults the event name to "change", as ASP.NET did', async () => {
    const result = await genericJson({ code }).receive(createGenericJsonRequest({ code, payload: [1, 2] }));
    expect(result.type === 'event' && result.event.name).toBe('change');
    expect(result.type === 'event' && result.event.payload).toEqual([1, 2]);
  });

  it('does not let a second code parameter rescue a wrong first one', async () => {
    const request = createGenericJsonRequest({ code: 'f'.repeat(40), payload });
    const doubled = { ...request, url: `${request.url}&code=${code}` };
    expect(await errorCodeOf(genericJson({ code }).receive(doubled))).toBe('unauthorized');
  });

  it('accepts plain http on localhost', async () => {
    const local = createGenericJsonRequest({ code, payload, url: 'http://localhost:3000/hook' });
    expect((await genericJson({ code }).receive(local)).type).toBe('event');
  });

  it('reports a body that is not JSON, after checking the code', async () => {
    const bad = createGenericJsonRequest({ code, body: 'name=Ada' });
    expect(await errorCodeOf(genericJson({ code }).receive(bad))).toBe('malformed_body');
    const unauthorised = createGenericJsonRequest({ code: 'f'.repeat(40), body: 'name=Ada' });
    expect(await errorCodeOf(genericJson({ code }).receive(unauthorised))).toBe('unauthorized');
  });

  it('refuses a code that is too long, or none, at construction', () => {
    expect(() => genericJson({ code: 'x'.repeat(129) })).toThrow(/32 to 128/);
    expect(() => genericJson({ code: [] })).toThrow(/empty/);
  });
});
