import { createWebhookRequest, defineProvider } from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('verify hands what it read to parse', () => {
  it('passes a synchronous and an asynchronous reading, reading the body once', async () => {
    let reads = 0;
    const read = (body: Uint8Array) => {
      reads += 1;
      return JSON.parse(Buffer.from(body).toString()) as { kind: string };
    };
    const sync = defineProvider<{}, undefined, {}, { kind: string }>({
      name: 'sync',
      title: 'Sync',
      setup: () => undefined,
      verify: (request) => read(request.body),
      parse: (_request, _ctx, verified) => ({ name: verified.kind, payload: verified }),
    });
    const async = defineProvider<{}, undefined, {}, { kind: string }>({
      name: 'async',
      title: 'Async',
      setup: () => undefined,
      verify: async (request) => read(request.body),
      parse: (_request, _ctx, verified) => ({ name: verified.kind, payload: verified }),
    });
    const request = createWebhookRequest({ body: '{"kind":"ping"}' });
    const first = await sync({}).receive(request);
    const second = await async({}).receive(request);
    expect(first.type === 'event' && first.event.name).toBe('ping');
    expect(second.type === 'event' && second.event.payload).toEqual({ kind: 'ping' });
    expect(reads).toBe(2);
  });
});
