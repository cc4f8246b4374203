import { createHub, type RequestHandler, WebhookError, type WebhookRequest } from '@hookwire/core';
import { expressWebhooks } from '@hookwire/express';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import {
  acme,
  acmeHeaders,
  describeAdapterContract,
  listen,
  recording,
  send,
  serveEachTest,
} from '@hookwire/node-http/testing';
import express5, { type Express } from 'express';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';

const SECRET = 'express-secret';

for (const [name, express] of [
  ['Express 5', express5],
  ['Express 4', express4],
] as const) {
  describeAdapterContract(name, (handler, options) => {
    const app = express();
    app.use('/webhooks', expressWebhooks(handler, options));
    return listen(app);
  });

  describe(`${name}: body parsers`, () => {
    const start = serveEachTest<Express>(() => express());
    const signed = () =>
      signGitHubRequest({ secret: SECRET, event: 'issues', payload: { action: 'opened' } });

    // Waiting for a stream the parser already read would leave the request unanswered: the code
    // proves the adapter saw the consumed stream and answered without reading it.
    it('answers body_already_parsed, without waiting for the stream, when express.json() ran first without a raw copy', async () => {
      const handled: WebhookRequest[] = [];
      const origin = await start((app) => {
        app.use(express.json());
        app.use('/webhooks', expressWebhooks(recording(handled), { onError: () => {} }));
      });
      const answer = await send(origin, '/webhooks/github', signed());
      expect(answer.status).toBe(500);
      const { error } = JSON.parse(answer.text);
      expect(error.code).toBe('body_already_parsed');
      expect(error.message).toContain('express.raw(');
      expect(handled).toHaveLength(0);
    });

    it('verifies the raw copy kept by express.json({ verify })', async () => {
      const receiver = github({ secret: SECRET });
      const names: string[] = [];
      receiver.onAny((event) => {
        names.push(event.name);
      });
      const origin = await start((app) => {
        app.use(
          express.json({
            verify: (req, _res, buf) => {
              (req as { rawBody?: Buffer }).rawBody = buf;
            },
          }),
        );
        app.use('/webhooks', expressWebhooks(receiver));
      });
      const answer = await send(origin, '/webhooks/github', signed());
      expect(answer.status).toBe(200);
      expect(names).toEqual(['issues.opened']);
    });

    it('verifies the Buffer from express.raw() on the route, even with express.json() on the app', async () => {
      const origin = await start((app) => {
        app.post(
          '/webhooks/github',
          express.raw({ type: '*/*' }),
          expressWebhooks(github({ secret: SECRET })),
        );
        app.use(express.json());
        app.post('/api/echo', (req, res) => {
          res.json(req.body);
        });
      });
      expect((await send(origin, '/webhooks/github', signed())).status).toBe(200);
      const api = await send(origin, '/api/echo', {
        headers: { 'content-type': 'application/json' },
        body: '{"still":"parsed"}',
      });
      expect(JSON.parse(api.text)).toEqual({ still: 'parsed' });
    });

    it('reads the stream when a global express.json() skipped the content type', async () => {
      const origin = await start((app) => {
        app.use(express.json());
        app.use('/webhooks', expressWebhooks(acme({ secret: SECRET })));
      });
      const body = new Uint8Array([1, 2, 3, 255]);
      expect(
        (await send(origin, '/webhooks/acme', { headers: acmeHeaders(SECRET, body), body })).status,
      ).toBe(200);
    });

    it('treats a consumed empty body as empty rather than as parsed', async () => {
      const handled: WebhookRequest[] = [];
      const origin = await start((app) => {
        app.use(express.json());
        app.use('/webhooks', expressWebhooks(recording(handled)));
      });
      const answer = await send(origin, '/webhooks/x', {
        headers: { 'content-type': 'application/json' },
        body: '',
      });
      expect(answer.status).toBe(200);
      expect(handled[0]!.body.byteLength).toBe(0);
    });

    it('builds the URL from the full original path under nested routers', async () => {
      const handled: WebhookRequest[] = [];
      const origin = await start((app) => {
        const router = express.Router();
        router.post('/github', expressWebhooks(recording(handled)));
        app.use('/hooks', router);
      });
      await send(origin, '/hooks/github?x=1', { body: '' });
      expect(handled[0]!.url).toBe(`${origin}/hooks/github?x=1`);
    });

    it('serves a hub from a route with an optional id parameter', async () => {
      const base = acme({ secret: 'unused' });
      const hub = createHub({
        acme: { default: base.derive({ secret: 'd' }), a: base.derive({ secret: 'a' }) },
      });
      const route = name === 'Express 5' ? '/webhooks/:provider{/:id}' : '/webhooks/:provider/:id?';
      const origin = await start((app) => {
        app.all(route, expressWebhooks(hub));
      });
      const post = (path: string, secret: string) =>
        send(origin, path, { headers: acmeHeaders(secret, 'x'), body: 'x' });
      expect((await post('/webhooks/acme', 'd')).status).toBe(200);
      expect((await post('/webhooks/acme/a', 'a')).status).toBe(200);
      expect((await post('/webhooks/acme/a', 'd')).status).toBe(401);
    });

    it('applies maxBodySize to a raw copy too', async () => {
      const handled: WebhookRequest[] = [];
      const origin = await start((app) => {
        app.use(express.raw({ type: '*/*', limit: '1mb' }));
        app.use('/webhooks', expressWebhooks(recording(handled), { maxBodySize: 10 }));
      });
      const answer = await send(origin, '/webhooks/x', { body: 'x'.repeat(11) });
      expect(answer.status).toBe(413);
      expect(handled).toHaveLength(0);
    });
  });
}

describe('expressWebhooks configuration', () => {
  it('throws at construction without a handler or with bad options', () => {
    expect(() => expressWebhooks({} as RequestHandler)).toThrow(/handle\(request\)/);
    expect(() => expressWebhooks(recording([]), { maxBodySize: -5 })).toThrow(/maxBodySize/);
  });

  it('logs 5xx failures by default and keeps 4xx ones quiet', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args[1]);
    try {
      const failure = new Error('boom');
      const app = express5();
      app.use(
        '/w',
        expressWebhooks({
          handle: async () => {
            throw failure;
          },
        }),
      );
      app.use('/small', expressWebhooks(recording([]), { maxBodySize: 1 }));
      const served = await listen(app);
      await send(served.origin, '/w', { body: '' });
      await send(served.origin, '/small', { body: 'too big' });
      await served.close();
      expect(logged).toEqual([failure]);
      expect(logged[0]).not.toBeInstanceOf(WebhookError);
    } finally {
      console.error = original;
    }
  });
});
