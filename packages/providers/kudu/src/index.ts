import { type CodeReceiverOptions, defineCodeProvider, jsonEventParser } from '@hookwire/core';
import type { KuduEvents } from './events.js';

export type { KuduEvents, KuduNotification } from './events.js';

export type KuduOptions = CodeReceiverOptions;

/**
 * A receiver for Kudu (Azure App Service deployment) webhooks. Kudu signs nothing, so the URL
 * registered in Kudu carries `?code=`; events are named by the deployment `status` (`success`,
 * `failed`), as ASP.NET WebHooks read them.
 *
 * @example
 * const receiver = kudu({ code: process.env.KUDU_WEBHOOK_CODE! });
 * receiver.on('failed', (event) => alert(`${event.payload.siteName}: ${event.payload.message}`));
 */
export const kudu = defineCodeProvider<KuduEvents, KuduOptions>({
  title: 'Kudu',
  parse: jsonEventParser('Kudu', { name: 'status' }),
});
