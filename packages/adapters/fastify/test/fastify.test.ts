import { Writable } from 'node:stream';
import { createHub, type RequestHandler, type WebhookRequest } from '@hookwire/core';
import { fastifyWebhooks } from '@hookwire/fastify';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import {
  acme,
  acmeHeaders,
  describeAdapterContract,
  recording,
  type ServeOptions,
  send,
} from '@hookwire/node-http/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import Fastify4 from 'fastify4';
import { afterEach, describe, expect, it } from 'vitest';

const SECRET = 'fastify-secret';

async function listen(app: FastifyInstance) {
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin, close: () => app.close() };
}

for (const [name, create] of [
  ['Fastify 5', Fastify],
  ['Fastify 4', Fastify4],
] as const) {
  describeAdapterContract(name, async (handler: RequestHandler, options?: ServeOptions) => {
    const app = create({ forceCloseConnections: true });
    await app.register(fastifyWebhooks, { handler, ...options, path: '/webhooks' });
    return listen(app);
  });
}

describe('Fastify: encapsulated raw bodies', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const start = async (
    setup: (app: FastifyInstance) => void | Promise<void>,
    { logs, bodyLimit }: { logs?: string[]; bodyLimit?: number } = {},
  ) => {
    app = Fastify({
      forceCloseConnections: true,
      ...(bodyLimit === undefined ? {} : { bodyLimit }),
      logger: logs
        ? {
            level: 'error',
            stream: new Writable({
              write(chunk, _encoding, callback) {
                logs.push(String(chunk));
                callback();
              },
            }),
          }
        : false,
    });
    await setup(app);
    return (await listen(app)).origin;
  };
  const signed = () => signGitHubRequest({ secret: SECRET, event: 'issues', payload: { action: 'opened' } });

  it('verifies JSON webhooks raw while the rest of the app keeps its JSON parser', async () => {
    const receiver = github({ secret: SECRET });
    const names: string[] = [];
    receiver.onAny((event) => {
      names.push(event.name);
    });
    const origin = await start(async (app) => {
      app.post('/api/echo', async (request) => ({ parsed: request.body }));
      await app.register(fastifyWebhooks, { hub: createHub({ github: receiver }), prefix: '/hooks' });
      app.post('/api/after', async (request) => ({ parsed: request.body }));
    });
    expect((await send(origin, '/hooks/github', signed())).status).toBe(200);
    expect(names).toEqual(['issues.opened']);
    for (const path of ['/api/echo', '/api/after']) {
      const api = await send(origin, path, {
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      });
      expect(JSON.parse(api.text)).toEqual({ parsed: { a: 1 } });
    }
  });

  it('ignores a custom JSON parser the app registered first', async () => {
    const origin = await start(async (app) => {
      app.removeAllContentTypeParsers();
      app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) =>
        done(null, { wrapped: body }),
      );
      await app.register(fastifyWebhooks, { receiver: github({ secret: SECRET }), path: '/webhooks/github' });
    });
    expect((await send(origin, '/webhooks/github', signed())).status).toBe(200);
  });

  it('reads a body sent without a content type', async () => {
    const handled: WebhookRequest[] = [];
    const origin = await start(async (app) => {
      await app.register(fastifyWebhooks, { handler: recording(handled), path: '/webhooks' });
    });
    const response = await fetch(`${origin}/webhooks/x`, { method: 'POST', body: new Uint8Array([7, 8]) });
    expect(response.status).toBe(200);
    expect([...handled[0]!.body]).toEqual([7, 8]);
    expect(handled[0]!.headers['content-type']).toBeUndefined();
  });

  it('passes any content type through raw, parameters included, request after request', async () => {
    const handled: WebhookRequest[] = [];
    const origin = await start(async (app) => {
      await app.register(fastifyWebhooks, { handler: recording(handled), path: '/webhooks' });
    });
    const xml = '<event kind="ping"/>';
    for (const type of ['text/xml; charset=utf-8', 'application/vnd.acme+json', 'text/xml; charset=utf-8']) {
      const answer = await send(origin, '/webhooks/x', { headers: { 'content-type': type }, body: xml });
      expect(answer.status).toBe(200);
    }
    expect(handled.map((request) => Buffer.from(request.body).toString())).toEqual([xml, xml, xml]);
    expect(handled[1]!.headers['content-type']).toBe('application/vnd.acme+json');
  });

  it('answers 500 and reports when handle() throws before returning a promise', async () => {
    const reported: unknown[] = [];
    const failure = new Error('not a promise');
    const origin = await start(async (app) => {
      await app.register(fastifyWebhooks, {
        path: '/webhooks',
        handler: {
          handle: () => {
            throw failure;
          },
        },
        onError: (error) => reported.push(error),
      });
    });
    const answer = await send(origin, '/webhooks', { body: '{}' });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text).error.code).toBe('internal_error');
    expect(reported).toEqual([failure]);
  });

  it('applies maxBodySize rather than Fastify’s bodyLimit on webhook routes', async () => {
    const origin = await start(
      async (app) => {
        await app.register(fastifyWebhooks, {
          receiver: acme({ secret: SECRET }),
          path: '/webhooks',
          maxBodySize: 4096,
        });
      },
      { bodyLimit: 1024 },
    );
    const body = 'x'.repeat(2048);
    const answer = await send(origin, '/webhooks/acme', { headers: acmeHeaders(SECRET, body), body });
    expect(answer.status).toBe(200);
  });

  it('logs 5xx failures with request.log by default', async () => {
    const logs: string[] = [];
    const origin = await start(
      async (app) => {
        await app.register(fastifyWebhooks, {
          path: '/webhooks',
          handler: {
            handle: async () => {
              throw new Error('boom');
            },
          },
        });
      },
      { logs },
    );
    expect((await send(origin, '/webhooks', { body: '' })).status).toBe(500);
    expect(logs.join('')).toContain('boom');
  });

  it('works with app.inject for tests without a server', async () => {
    const fastify = Fastify();
    app = fastify;
    await fastify.register(fastifyWebhooks, {
      receiver: github({ secret: SECRET }),
      path: '/webhooks/github',
    });
    const request = signed();
    const response = await fastify.inject({
      method: 'POST',
      url: '/webhooks/github',
      headers: request.headers as Record<string, string>,
      payload: Buffer.from(request.body),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
  });

  it('rejects a plugin registered without a handler', async () => {
    app = Fastify();
    await expect(app.register(fastifyWebhooks, { path: '/webhooks' })).rejects.toThrow(/handle\(request\)/);
  });
});
