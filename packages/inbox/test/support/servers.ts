/** The inbox (and its API) mounted through each real adapter on 127.0.0.1, as an application would. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from '@hookwire/core';
import { expressWebhooks } from '@hookwire/express';
import { fastifyWebhooks } from '@hookwire/fastify';
import { fetchWebhooks } from '@hookwire/fetch';
import { koaWebhooks } from '@hookwire/koa';
import { listen, type Served } from '@hookwire/node-http/testing';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';

export type { Served };

export type AdapterName = 'express' | 'koa' | 'fastify' | 'fetch';
export const ADAPTERS: AdapterName[] = ['express', 'koa', 'fastify', 'fetch'];

export interface Mounts {
  /** Served at `/webhooks` and below (`/webhooks/github`). */
  webhooks: RequestHandler;
  /** Served at `/api/inbox` and below. */
  api?: RequestHandler;
  maxBodySize?: number;
}

const quiet = () => {};

/** A Node server in front of a fetch-style handler (what Bun, Deno or a Worker would call). */
function nodeToFetch(handlers: [string, (request: Request) => Promise<Response>][]): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
    });
    const match = handlers.find(([prefix]) => req.url!.startsWith(prefix));
    const response = match ? await match[1](request) : new Response('not found', { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

export async function serve(adapter: AdapterName, mounts: Mounts): Promise<Served> {
  const options = { maxBodySize: mounts.maxBodySize, onError: quiet };
  switch (adapter) {
    case 'express': {
      const app = express();
      if (mounts.api) app.use('/api/inbox', expressWebhooks(mounts.api, { onError: quiet }));
      app.use('/webhooks', expressWebhooks(mounts.webhooks, options));
      return listen(createServer(app));
    }
    case 'koa': {
      const app = new Koa();
      if (mounts.api) app.use(koaWebhooks(mounts.api, { path: '/api/inbox', onError: quiet }));
      app.use(koaWebhooks(mounts.webhooks, { ...options, path: '/webhooks' }));
      return listen(createServer(app.callback()));
    }
    case 'fastify': {
      const app = Fastify();
      if (mounts.api)
        await app.register(fastifyWebhooks, { handler: mounts.api, path: '/api/inbox', onError: quiet });
      await app.register(fastifyWebhooks, { handler: mounts.webhooks, path: '/webhooks', ...options });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return {
        origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
        close: async () => {
          app.server.closeAllConnections();
          await app.close();
        },
      };
    }
    case 'fetch': {
      const routes: [string, (request: Request) => Promise<Response>][] = [
        ['/webhooks', fetchWebhooks(mounts.webhooks, options)],
      ];
      if (mounts.api) routes.push(['/api/inbox', fetchWebhooks(mounts.api, { onError: quiet })]);
      return listen(nodeToFetch(routes));
    }
  }
}

/** Posts a `WebhookRequest`-like object to the server; resolves to the status and body text. */
export async function post(
  origin: string,
  path: string,
  request: {
    method?: string;
    headers: Record<string, string | string[] | undefined>;
    body?: Uint8Array | string;
  },
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'host' || name === 'content-length') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const response = await fetch(origin + path, {
    method: request.method ?? 'POST',
    headers,
    body: request.method === 'GET' ? undefined : request.body,
  });
  return { status: response.status, text: await response.text() };
}
