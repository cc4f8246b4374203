import type { RequestHandler, WebhookRequest } from '@hookwire/core';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import { koaWebhooks } from '@hookwire/koa';
import {
  acme,
  acmeHeaders,
  describeAdapterContract,
  listen,
  recording,
  send,
  serveEachTest,
} from '@hookwire/node-http/testing';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { koaBody } from 'koa-body';
import Koa2 from 'koa2';
import { describe, expect, it } from 'vitest';

const SECRET = 'koa-secret';

for (const [name, App] of [
  ['Koa 3', Koa],
  ['Koa 2', Koa2],
] as const) {
  describeAdapterContract(name, (handler, options) => {
    const app = new App();
    app.silent = true;
    app.use(koaWebhooks(handler, { ...options, path: '/webhooks' }));
    return listen(app);
  });
}

describe('Koa: body parsers and scope', () => {
  const start = serveEachTest(() => {
    const app = new Koa();
    app.silent = true;
    return app;
  });
  const signed = () =>
    signGitHubRequest({ secret: SECRET, event: 'issues', payload: { action: 'opened', n: 'é' } });

  it('verifies ctx.request.rawBody kept by @koa/bodyparser mounted first', async () => {
    const receiver = github({ secret: SECRET });
    const names: string[] = [];
    receiver.onAny((event) => {
      names.push(event.name);
    });
    const origin = await start((app) => {
      app.use(bodyParser());
      app.use(koaWebhooks(receiver, { path: '/webhooks' }));
    });
    const answer = await send(origin, '/webhooks/github', signed());
    expect(answer.status).toBe(200);
    expect(names).toEqual(['issues.opened']);
  });

  // Waiting for a stream the parser already read would leave the request unanswered: the code
  // proves the adapter saw the consumed stream and answered without reading it.
  it('answers body_already_parsed, without waiting for the stream, after koa-body without a raw copy', async () => {
    const handled: WebhookRequest[] = [];
    const origin = await start((app) => {
      app.use(koaBody());
      app.use(koaWebhooks(recording(handled), { onError: () => {} }));
    });
    const answer = await send(origin, '/webhooks/github', signed());
    expect(answer.status).toBe(500);
    const { error } = JSON.parse(answer.text);
    expect(error.code).toBe('body_already_parsed');
    expect(error.message).toContain('before the body parser');
    expect(handled).toHaveLength(0);
  });

  it('verifies the text koa-body keeps with includeUnparsed', async () => {
    const origin = await start((app) => {
      app.use(koaBody({ includeUnparsed: true }));
      app.use(koaWebhooks(github({ secret: SECRET })));
    });
    expect((await send(origin, '/webhooks/github', signed())).status).toBe(200);
  });

  it('reads the stream when the body parser skipped the content type', async () => {
    const origin = await start((app) => {
      app.use(bodyParser());
      app.use(koaWebhooks(acme({ secret: SECRET })));
    });
    const body = new Uint8Array([0, 255, 1]);
    expect((await send(origin, '/webhooks/acme', { headers: acmeHeaders(SECRET, body), body })).status).toBe(
      200,
    );
  });

  it('leaves other paths to the next middleware, and the app its JSON parser', async () => {
    const handled: WebhookRequest[] = [];
    const origin = await start((app) => {
      app.use(koaWebhooks(recording(handled), { path: '/webhooks/' }));
      app.use(bodyParser());
      app.use((ctx) => {
        ctx.body = { parsed: ctx.request.body };
      });
    });
    const api = await send(origin, '/webhooksx', {
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(JSON.parse(api.text)).toEqual({ parsed: { a: 1 } });
    expect(handled).toHaveLength(0);
    expect((await send(origin, '/webhooks', { body: '' })).status).toBe(200);
    expect((await send(origin, '/webhooks/github/a', { body: '' })).status).toBe(200);
    expect(handled.map((request) => new URL(request.url).pathname)).toEqual([
      '/webhooks',
      '/webhooks/github/a',
    ]);
  });

  it('emits 5xx failures as the app error by default', async () => {
    const emitted: unknown[] = [];
    const failure = new Error('boom');
    const origin = await start((app) => {
      app.on('error', (error) => emitted.push(error));
      app.use(koaWebhooks(recording([]), { path: '/small', maxBodySize: 1 }));
      app.use(
        koaWebhooks({
          handle: async () => {
            throw failure;
          },
        }),
      );
    });
    expect((await send(origin, '/small', { body: 'too big' })).status).toBe(413);
    expect((await send(origin, '/fail', { body: '' })).status).toBe(500);
    expect(emitted).toEqual([failure]);
  });

  it('throws at construction without a handler', () => {
    expect(() => koaWebhooks(undefined as unknown as RequestHandler)).toThrow(/handle\(request\)/);
  });
});
