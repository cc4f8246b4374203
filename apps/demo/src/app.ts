import type { RequestHandler, WebhookHub } from '@hookwire/core';
import { expressWebhooks } from '@hookwire/express';
import express, { type Express } from 'express';

export interface AppParts {
  /** Absent for the `worker` role, which answers only /healthz. */
  hub?: WebhookHub;
  api?: RequestHandler;
  ready: () => boolean;
}

/** The demo's HTTP surface: /healthz, the receivers at /webhooks, the management API at /api. */
export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    if (parts.ready()) res.json({ ok: true });
    else res.status(503).json({ ok: false });
  });
  // Mounted before any body parser: the adapters read the raw bytes the signatures cover.
  if (parts.hub) app.use('/webhooks', expressWebhooks(parts.hub));
  if (parts.api) app.use('/api', expressWebhooks(parts.api));
  app.use((_req, res) => {
    res.status(404).json({
      error: { code: 'not_found', message: 'No such route. Try /healthz, /webhooks/<provider> or /api.' },
    });
  });
  return app;
}
