import {
  type BaseReceiverOptions,
  createWebhookRequest,
  defineProvider,
  hmacHex,
  requireHeader,
  verifyHmac,
} from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('core smoke', () => {
  it('verifies the GitHub docs vector', () => {
    const signature = hmacHex('sha256', "It's a Secret to Everybody", 'Hello, World!');
    expect(signature).toBe('757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  it('runs a defined provider end to end', async () => {
    const demo = defineProvider<{ secret: string } & BaseReceiverOptions, { secrets: string[] }>({
      name: 'demo',
      title: 'Demo',
      setup: (o) => ({ secrets: [o.secret] }),
      verify(request, ctx) {
        verifyHmac({
          algorithm: 'sha256',
          secrets: ctx.state.secrets,
          parts: [request.body],
          signatures: requireHeader(request, 'x-sig'),
          encoding: 'hex',
          header: 'X-Sig',
          provider: 'Demo',
        });
      },
      parse: (request) => ({ name: 'thing.done', payload: JSON.parse(Buffer.from(request.body).toString()) }),
    });
    const receiver = demo({ secret: 's3cret' });
    const seen: string[] = [];
    receiver.on('thing.*', (event) => {
      seen.push(event.name);
    });
    const body = '{"a":1}';
    const ok = await receiver.handle(
      createWebhookRequest({ body, headers: { 'X-Sig': hmacHex('sha256', 's3cret', body) } }),
    );
    expect(ok.status).toBe(200);
    expect(seen).toEqual(['thing.done']);
    const bad = await receiver.handle(
      createWebhookRequest({ body, headers: { 'X-Sig': hmacHex('sha256', 'x', body) } }),
    );
    expect(bad.status).toBe(401);
    expect(String(bad.body)).not.toContain(hmacHex('sha256', 's3cret', body));
  });
});
