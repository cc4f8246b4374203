/** Serving helpers for adapter tests: a real server on a free port, closed after each test. */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterOptions, RequestHandler, WebhookRequest } from '@hookwire/core';
import { afterEach } from 'vitest';

export interface Served {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions extends AdapterOptions {
  onError?: (error: unknown) => void;
}

/** A handler that records requests and answers 200. */
export function recording(into: WebhookRequest[]): RequestHandler {
  return {
    handle: async (request) => {
      into.push(request);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    },
  };
}

/** A framework app with Node's `listen(port, host)`, e.g. an Express or Koa app. */
export interface Listenable {
  listen(port: number, host: string): Server;
}

/** Listens on a free port of 127.0.0.1; `close()` also drops kept-alive connections. */
export async function listen(app: Listenable): Promise<Served> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/**
 * For one `describe` block: the returned `start(setup)` creates an app, lets `setup` mount
 * middleware on it and serves it; each test's server is closed after the test.
 */
export function serveEachTest<App extends Listenable>(
  create: () => App,
): (setup: (app: App) => void) => Promise<string> {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });
  return async (setup) => {
    const app = create();
    setup(app);
    served = await listen(app);
    return served.origin;
  };
}
