import { createWebhookRequest } from '@hookwire/core';
import { webhookErrorOf } from '@hookwire/core/testing';
import { genericJson } from '@hookwire/generic-json';
import { createGenericJsonRequest } from '@hookwire/generic-json/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
const payload = { name: 'Ada', email: 'ada@example.com' };

describe('generic JSON receiver', () => {
  it('names the event by ?action= and passes any JSON through', async () => {
    const result = await genericJson({ code }).receive(
      createGenericJsonRequest({ code, action: 'new_lead', payload }),
    );
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('new_lead');
    expect(result.event.payload).toEqual(payload);
    expect(result.event.provider).toBe('generic-json');
    expect(result.event.id).toBeUndefined();
  });

  it('defaults the event name to "change", as ASP.NET did', async () => {
    const result = await genericJson({ code }).receive(createGenericJsonRequest({ code, payload: [1, 2] }));
    expect(result.type === 'event' && result.event.name).toBe('change');
    expect(result.type === 'event' && result.event.payload).toEqual([1, 2]);
  });

  it('rejects a wrong or missing code without echoing the configured one', async () => {
    const receiver = genericJson({ code });
    const wrong = createGenericJsonRequest({ code: 'f'.repeat(40), payload });
    const response = await receiver.handle(wrong);
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain(code);
    const missing = createWebhookRequest({ url: 'https://example.com/hook', body: '{}' });
    expect((await webhookErrorOf(receiver.receive(missing))).code).toBe('unauthorized');
  });

  it('does not let a second code parameter rescue a wrong first one', async () => {
    const request = createGenericJsonRequest({ code: 'f'.repeat(40), payload });
    const doubled = { ...request, url: `${request.url}&code=${code}` };
    expect((await webhookErrorOf(genericJson({ code }).receive(doubled))).code).toBe('unauthorized');
  });

  it('requires https, except on localhost', async () => {
    const plain = createGenericJsonRequest({ code, payload, url: 'http://example.com/hook' });
    const error = await webhookErrorOf(genericJson({ code }).receive(plain));
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(400);
    const local = createGenericJsonRequest({ code, payload, url: 'http://localhost:3000/hook' });
    expect((await genericJson({ code }).receive(local)).type).toBe('event');
  });

  it('accepts any code of a rotation', async () => {
    const next = 'a'.repeat(32);
    const receiver = genericJson({ code: [code, next] });
    expect((await receiver.receive(createGenericJsonRequest({ code: next, payload }))).type).toBe('event');
  });

  it('reports a body that is not JSON, after checking the code', async () => {
    const bad = createGenericJsonRequest({ code, body: 'name=Ada' });
    expect((await webhookErrorOf(genericJson({ code }).receive(bad))).code).toBe('malformed_body');
    const unauthorised = createGenericJsonRequest({ code: 'f'.repeat(40), body: 'name=Ada' });
    expect((await webhookErrorOf(genericJson({ code }).receive(unauthorised))).code).toBe('unauthorized');
  });

  it('answers 405 to other methods', async () => {
    const request = { ...createGenericJsonRequest({ code, payload }), method: 'GET' };
    expect((await genericJson({ code }).handle(request)).status).toBe(405);
  });

  it('refuses a code that is too short or too long at construction', () => {
    expect(() => genericJson({ code: 'short' })).toThrow(/32 to 128/);
    expect(() => genericJson({ code: 'x'.repeat(129) })).toThrow(/32 to 128/);
    expect(() => genericJson({ code: [] })).toThrow(/empty/);
  });
});
