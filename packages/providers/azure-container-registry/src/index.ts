import { type CodeReceiverOptions, defineCodeProvider, parseJsonObject, requireString } from '@hookwire/core';
import type { AzureContainerRegistryEvents } from './events.js';

export type { AcrEvent, AcrTarget, AzureContainerRegistryEvents } from './events.js';

export interface AzureContainerRegistryOptions extends CodeReceiverOptions {
  /** The secret in the webhook's service URI as `?code=` (32–128 characters); an array during a rotation. */
  code: string | string[];
}

/**
 * A receiver for Azure Container Registry webhooks. ACR signs nothing, so the service URI carries
 * `?code=`; events are named by `action` (`push`, `delete`, `chart_push`, `quarantine`, and `ping`
 * from "Ping" in the portal), with the event `id` as the delivery id.
 *
 * @example
 * const receiver = azureContainerRegistry({ code: process.env.ACR_WEBHOOK_CODE! });
 * receiver.on('push', (event) => deploy(event.payload.target?.repository, event.payload.target?.tag));
 */
export const azureContainerRegistry = defineCodeProvider<
  AzureContainerRegistryEvents,
  AzureContainerRegistryOptions
>({
  title: 'Azure Container Registry',
  parse: (request) => {
    const payload = parseJsonObject(request, 'Azure Container Registry');
    return {
      name: requireString(payload.action, 'action', 'Azure Container Registry'),
      id: typeof payload.id === 'string' ? payload.id : undefined,
      payload,
    };
  },
});
