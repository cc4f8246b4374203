import { createWebhookRequest, WebhookError } from '@hookwire/core';
import {
  errorCodeOf,
  eventOf,
  eventsOf,
  signerWith,
  webhookErrorOf,
  withBody,
  withHeaders,
} from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

describe('@hookwire/core/testing', () => {
  it('webhookErrorOf resolves to the WebhookError of a promise or a function', async () => {
    const error = new WebhookError('replayed', 'again');
    expect(await webhookErrorOf(Promise.reject(error))).toBe(error);
    expect(
      await webhookErrorOf(() => {
        throw error;
      }),
    ).toBe(error);
    expect(await webhookErrorOf(async () => Promise.reject(error))).toBe(error);
  });

  it('webhookErrorOf rejects when nothing or something else is thrown', async () => {
    await expect(webhookErrorOf(Promise.resolve('fine'))).rejects.toThrow('nothing was thrown');
    await expect(webhookErrorOf(() => 1)).rejects.toThrow('nothing was thrown');
    const other = new TypeError('boom');
    await expect(webhookErrorOf(Promise.reject(other))).rejects.toMatchObject({ cause: other });
  });

  it('errorCodeOf resolves to the code of the WebhookError, and rejects when nothing is thrown', async () => {
    expect(await errorCodeOf(Promise.reject(new WebhookError('replayed', 'again')))).toBe('replayed');
    await expect(errorCodeOf(Promise.resolve('fine'))).rejects.toThrow('nothing was thrown');
  });

  it('signerWith applies the defaults, each override, and keeps a default an undefined override names', () => {
    const signed = signerWith((input: { secret: string; body?: string; topic: string }) => input, {
      secret: 's',
      topic: 'ping',
    });
    expect(signed()).toEqual({ secret: 's', topic: 'ping' });
    expect(signed({ topic: 'push', body: '{}' })).toEqual({ secret: 's', topic: 'push', body: '{}' });
    expect(signed({ secret: 'other', topic: undefined })).toEqual({ secret: 'other', topic: 'ping' });
  });

  it('withHeaders replaces, adds and removes headers without touching the original', () => {
    const request = createWebhookRequest({ headers: { 'x-a': '1', 'x-b': '2' }, body: 'x' });
    const changed = withHeaders(request, { 'X-A': ['3', '4'], 'x-b': undefined, 'x-c': '5' });
    expect(changed.headers).toEqual({ 'x-a': ['3', '4'], 'x-c': '5' });
    expect(request.headers).toEqual({ 'x-a': '1', 'x-b': '2' });
    expect(changed.body).toBe(request.body);
  });

  it('withBody swaps the body and keeps the rest', () => {
    const request = createWebhookRequest({
      url: 'https://e.example/h',
      headers: { 'x-a': '1' },
      body: 'old',
    });
    const changed = withBody(request, 'new');
    expect(Buffer.from(changed.body).toString()).toBe('new');
    expect(changed.headers).toBe(request.headers);
    expect(withBody(request, new Uint8Array([1])).body).toEqual(new Uint8Array([1]));
  });
});

describe('eventOf and eventsOf', () => {
  const event = { provider: 'x', name: 'a', payload: 1, meta: {}, request: createWebhookRequest() };
  it('resolve to the event(s) of an event result', async () => {
    const result = { type: 'event' as const, event, events: [event, { ...event, name: 'b' }] };
    expect(await eventOf(result)).toBe(event);
    expect((await eventsOf(Promise.resolve(result))).map((e) => e.name)).toEqual(['a', 'b']);
  });

  it('reject a handshake response, naming its status', async () => {
    const response = { type: 'response' as const, response: { status: 204 } };
    await expect(eventOf(response)).rejects.toThrow('204 response');
  });
});
