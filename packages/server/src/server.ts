import type { Server } from 'node:http';
import type { RequestHandler, WebhookHub } from '@hookwire/core';
import { dashboard, portalOptionsFromEnv } from '@hookwire/dashboard';
import { createInbox, type Inbox } from '@hookwire/inbox';
import { bearerAuth, createSender, type Logger, type Sender } from '@hookwire/sender';
import { createApp } from './app.js';
import { openBackend } from './backend.js';
import { DEV_API_TOKEN, OPERATOR_TENANT, type ServerConfig } from './config.js';
import { createOperatorInboxApi } from './inbox-api.js';
import { createManagement } from './management.js';
import { deliveryLogger, prometheusMetrics } from './observability.js';
import { createReceivers, ReceiverSecrets } from './receivers.js';
import { republishReceived } from './republish.js';
import { servedWebhooks } from './webhooks.js';

export interface ServerParts {
  inbox: Inbox;
  sender: Sender;
  hub: WebhookHub;
  log: (line: string) => void;
}

export interface ServerOptions {
  /**
   * Called before the inbox's workers start: register more handlers of received webhooks
   * (`inbox.on('push', …)`), which run beside the republishing one and share its retries.
   */
  setup?(parts: ServerParts): void | Promise<void>;
  /** Where the JSON delivery log goes (pino-compatible); default pino on standard output. */
  logger?: Logger;
}

export interface RunningServer {
  server: Server;
  sender: Sender;
  /** Every receiver, at /webhooks/:provider/:id? (behind the inbox). */
  hub: WebhookHub;
  /** The durable inbox of received webhooks (its workers run unless the role is `api`). */
  inbox: Inbox;
  /** The management API as mounted at /api (tests call it without a socket). */
  api?: RequestHandler;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  close(): Promise<void>;
}

/** Wires the server from its configuration and starts listening; `close()` stops everything. */
export async function startServer(
  config: ServerConfig,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => console.log(`[hookwire] ${line}`),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const backend = await openBackend(config);
  // Registered before the sender exists, so that its metrics are the ones /metrics serves.
  const serveMetrics = prometheusMetrics();
  const sender = createSender({
    store: backend.store,
    ...(backend.queue ? { queue: backend.queue } : {}),
    allowPrivateNetwork: config.allowPrivateNetwork,
    retrySchedule: config.retrySchedule,
    // One JSON line per delivery outcome (succeeded, retry, failed), through pino.
    logger: options.logger ?? deliveryLogger(env),
    // The operator's endpoints (tenant "operator") get subscription.disabled/failing/recovered, delivery.failed.
    operationalEvents: { tenant: OPERATOR_TENANT },
    onSubscriptionDisabled: ({ subscription }) =>
      log(`subscription ${subscription.id} disabled: ${subscription.disabledReason ?? 'no reason'}`),
  });

  const serveHttp = config.role !== 'worker';
  const work = config.role !== 'api';
  const secrets = new ReceiverSecrets(env);
  // Workers build the hub too: the inbox is made for one, though processing verifies nothing again.
  const hub = createReceivers(secrets, env.HOOKWIRE_PUBLIC_URL ?? `http://localhost:${config.port}`);
  const served = servedWebhooks(hub, log);
  const inbox = createInbox({
    hub,
    store: backend.inboxStore,
    schedule: config.inboxRetrySchedule,
    logger: served.logger,
  });
  republishReceived(inbox, sender, log);
  await options.setup?.({ inbox, sender, hub, log });
  // Portal links are signed with HOOKWIRE_PORTAL_SECRET (random per start when unset).
  const portal = serveHttp ? portalOptionsFromEnv(env) : undefined;
  const api = serveHttp
    ? createManagement(sender, config.apiTokens, config.operatorToken, log, portal?.tokens)
    : undefined;
  const inboxApi = serveHttp
    ? createOperatorInboxApi(inbox, config.apiTokens, config.operatorToken, log)
    : undefined;

  let ready = false;
  const app = createApp({
    ...(serveHttp ? { webhooks: served.wrap(inbox) } : {}),
    ...(api ? { api } : {}),
    ...(inboxApi ? { inboxApi } : {}),
    ...(portal
      ? {
          dashboard: dashboard({
            authenticate: bearerAuth(
              config.apiTokens,
              config.operatorToken !== undefined ? { operatorToken: config.operatorToken } : {},
            ),
            inbox: true,
            portal,
          }),
        }
      : {}),
    metrics: serveMetrics,
    ready: () => ready,
    log,
  });
  if (work) {
    await sender.start();
    inbox.start();
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, () => resolve(listening));
    listening.once('error', reject);
  });
  // A client that trickles its headers or body is cut off instead of holding a socket for minutes.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  ready = true;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  log(`role ${config.role}, ${backend.describe}, listening on http://localhost:${port}`);
  if (serveHttp)
    log(
      `receivers (${hub.names.length}): /webhooks/<provider>, e.g. /webhooks/github, /webhooks/stripe; each verified webhook is stored in the inbox before it is answered`,
    );
  if (work) log('inbox workers: stored webhooks are processed (republished) here, with retries');
  if (api) log('management API: /api (Authorization: Bearer <token>)');
  if (portal) {
    log(
      `console: http://localhost:${port}/dashboard/ (sign in with the operator token); subscriber portal links: POST /api/portal-links { tenant }`,
    );
  }
  if (inboxApi && config.operatorToken !== undefined)
    log('inbox: /api/inbox/events (operator token): list, retry, replay received webhooks');
  if (config.devToken) {
    log(`development API token: ${DEV_API_TOKEN} (tenant "dev"); set HOOKWIRE_API_TOKENS in production`);
  }
  if (api && config.devOperatorToken) {
    log(
      `development operator token: ${config.operatorToken} (tenant "${OPERATOR_TENANT}", every tenant); set HOOKWIRE_OPERATOR_TOKEN in production`,
    );
  }
  if (work)
    log(
      `received webhooks are republished to the operator's subscriptions only (tenant "${OPERATOR_TENANT}")${config.operatorToken === undefined ? '; set HOOKWIRE_OPERATOR_TOKEN to subscribe to them' : ''}`,
    );
  if (serveHttp && secrets.defaulted.length > 0) {
    log(
      `${secrets.defaulted.length} receiver settings use development values (dev-<provider>-secret, listed in the Configuration table of the @hookwire/server README); set ${secrets.defaulted[0]} and the like in production`,
    );
  }
  if (serveHttp) for (const note of secrets.notes) log(note);
  if (config.allowPrivateNetwork)
    log('HOOKWIRE_ALLOW_PRIVATE_NETWORK=true: deliveries may reach private addresses');

  return {
    server,
    sender,
    hub,
    inbox,
    ...(api ? { api } : {}),
    port,
    async close() {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await inbox.stop();
      await backend.inboxStore.close();
      await sender.close();
    },
  };
}
