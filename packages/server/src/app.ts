import type { IncomingMessage, ServerResponse } from 'node:http';
import { adapterErrorResponse, type RequestHandler } from '@hookwire/core';
import { expressWebhooks } from '@hookwire/express';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { oneLine } from './log.js';

export interface AppParts {
  /** The receivers; absent for the `worker` role, which answers only /healthz. */
  webhooks?: RequestHandler;
  api?: RequestHandler;
  /** The inbox's operations, mounted at /api/inbox (operator only). */
  inboxApi?: RequestHandler;
  /** The operator console, the subscriber portal and the portal-links route, at each of its paths. */
  dashboard?: RequestHandler & { readonly paths: readonly string[] };
  /** Prometheus text of the sender's metrics, at GET /metrics (every role). */
  metrics?: (req: IncomingMessage, res: ServerResponse) => void;
  ready: () => boolean;
  log: (line: string) => void;
}

/**
 * The server's HTTP surface: /healthz, the receivers (through the inbox) at /webhooks, the inbox's
 * operations at /api/inbox and the management API at /api.
 */
export function createApp(parts: AppParts): Express {
  const { log } = parts;
  // What a handler did not answer itself (a body that failed to arrive, …): 5xx logged on one line.
  const onError = (error: unknown, req: IncomingMessage) => {
    const { status } = adapterErrorResponse(error);
    if (status >= 500) log(`${req.method} ${pathOf(req.url)} answered ${status}: ${oneLine(error)}`);
  };
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    if (parts.ready()) res.json({ ok: true });
    else res.status(503).json({ ok: false });
  });
  if (parts.metrics) {
    const serve = parts.metrics;
    app.get('/metrics', (req, res) => serve(req, res));
  }
  // Mounted before any body parser: the adapters read the raw bytes the signatures cover.
  if (parts.webhooks) app.use('/webhooks', expressWebhooks(parts.webhooks, { onError }));
  // Before /api: the portal-links route is one of the dashboard's paths.
  for (const path of parts.dashboard?.paths ?? [])
    app.use(path, expressWebhooks(parts.dashboard!, { onError }));
  if (parts.inboxApi) app.use('/api/inbox', expressWebhooks(parts.inboxApi, { onError }));
  if (parts.api) app.use('/api', expressWebhooks(parts.api, { onError }));
  app.use((_req, res) => {
    res.status(404).json({
      error: { code: 'not_found', message: 'No such route. Try /healthz, /webhooks/<provider> or /api.' },
    });
  });
  // Express's own failures (a malformed URL, …): answered as JSON, 5xx logged once, no stack trace.
  const onExpressError: ErrorRequestHandler = (error, req, res, _next) => {
    const given = Number((error as { status?: unknown }).status);
    const status = given >= 400 && given < 600 ? given : 500;
    if (status >= 500) log(`${req.method} ${pathOf(req.originalUrl)} answered ${status}: ${oneLine(error)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({
      error: {
        code: status >= 500 ? 'internal_error' : 'bad_request',
        message: status >= 500 ? 'The request could not be completed.' : 'The request is malformed.',
      },
    });
  };
  app.use(onExpressError);
  return app;
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0]!;
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}
