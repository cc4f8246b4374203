import { defineProvider, jsonEventParser } from '@hookwire/core';
import { type AzureDevOpsState, setupAuth, verifyAzureDevOps } from './auth.js';
import type { AzureDevOpsEvents } from './events.js';
import type { AzureDevOpsOptions } from './options.js';

export type * from './events.js';
export type { AzureDevOpsOptions } from './options.js';

/**
 * A receiver for Azure DevOps (formerly VSTS/TFS) service hooks of the "Web Hooks" consumer. Azure
 * DevOps signs nothing: authorise with a `?code=` in the URL and/or the hook's basic
 * authentication. Events are named by `eventType` (`git.push`, `workitem.updated`), with the event
 * `id` as the delivery id.
 *
 * @example
 * const receiver = azureDevOps({ username: 'hooks', password: process.env.ADO_HOOK_PASSWORD! });
 * receiver.on('git.push', (event) => console.log(event.payload.resource.refUpdates));
 */
export const azureDevOps = defineProvider<AzureDevOpsOptions, AzureDevOpsState, AzureDevOpsEvents>({
  title: 'Azure DevOps',
  setup: setupAuth,
  verify: (request, { state }) => verifyAzureDevOps(request, state),
  parse: jsonEventParser('Azure DevOps', {
    name: 'eventType',
    id: { optional: 'id' },
    meta: (body) => ({ subscriptionId: body.subscriptionId, notificationId: body.notificationId }),
  }),
});
