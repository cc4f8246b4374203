import type { Server } from 'node:http';
import { createSender } from '@hookwire/sender';
import { createApp } from './app.js';
import { DEV_API_TOKEN, readConfig } from './config.js';
import { createManagement } from './management.js';
import { createReceivers, DemoSecrets } from './receivers.js';
import { republishReceived } from './republish.js';
import { openBackend } from './store.js';

const log = (line: string) => console.log(`[hookwire-demo] ${line}`);

async function main(): Promise<void> {
  const config = readConfig();
  const backend = await openBackend(config);
  const sender = createSender({
    store: backend.store,
    ...(backend.queue ? { queue: backend.queue } : {}),
    allowPrivateNetwork: config.allowPrivateNetwork,
    retrySchedule: config.retrySchedule,
    onDeliverySucceeded: ({ delivery }) =>
      log(`delivered ${delivery.eventType} ${delivery.eventId} to ${delivery.subscriptionId}`),
    onDeliveryFailed: ({ delivery }) =>
      log(`delivery ${delivery.id} failed for good after ${delivery.attempts} attempts`),
    onSubscriptionDisabled: ({ subscription }) =>
      log(`subscription ${subscription.id} disabled: ${subscription.disabledReason ?? 'no reason'}`),
  });

  const serveHttp = config.role !== 'worker';
  const secrets = new DemoSecrets(process.env);
  const hub = serveHttp
    ? createReceivers(secrets, process.env.HOOKWIRE_PUBLIC_URL ?? `http://localhost:${config.port}`)
    : undefined;
  if (hub) republishReceived(hub, sender, log);
  const api = serveHttp ? createManagement(sender, config.apiTokens) : undefined;

  let ready = false;
  const app = createApp({ ...(hub ? { hub } : {}), ...(api ? { api } : {}), ready: () => ready });
  if (config.role !== 'api') await sender.start();
  const server: Server = app.listen(config.port, () => {
    ready = true;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log(`role ${config.role}, ${backend.describe}, listening on http://localhost:${port}`);
    if (hub) log(`receivers: ${hub.names.map((name) => `/webhooks/${name}`).join(' ')}`);
    if (api) log('management API: /api (Authorization: Bearer <token>)');
    if (config.devToken)
      log(`development API token: ${DEV_API_TOKEN} (tenant "dev"); set HOOKWIRE_API_TOKENS in production`);
    if (secrets.defaulted.length > 0) {
      log(
        `${secrets.defaulted.length} receivers use development secrets (dev-<provider>-secret, see apps/demo/README.md); set ${secrets.defaulted[0]} and the like in production`,
      );
    }
    for (const note of secrets.notes) log(note);
    if (config.allowPrivateNetwork)
      log('HOOKWIRE_ALLOW_PRIVATE_NETWORK=true: deliveries may reach private addresses');
  });

  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down`);
    ready = false;
    server.close();
    await sender.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`[hookwire-demo] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
