import { defineProvider, isRecord, parseJsonBody, requireString, WebhookError } from '@hookwire/core';
import { type AzureDevOpsState, setupAuth, verifyAzureDevOps } from './auth.js';
import type { AzureDevOpsEvents } from './events.js';
import type { AzureDevOpsOptions } from './options.js';

export type {
  AzureDevOpsBuild,
  AzureDevOpsEvent,
  AzureDevOpsEvents,
  AzureDevOpsGitPush,
  AzureDevOpsIdentity,
  AzureDevOpsPullRequest,
  AzureDevOpsRepository,
  AzureDevOpsWorkItem,
} from './events.js';
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
  name: 'azure-devops',
  title: 'Azure DevOps',
  setup: setupAuth,
  verify: (request, { state }) => verifyAzureDevOps(request, state),
  parse: (request) => {
    const payload = parseJsonBody(request, 'Azure DevOps');
    if (!isRecord(payload))
      throw new WebhookError('malformed_body', 'The Azure DevOps webhook body is not a JSON object.');
    return {
      name: requireString(payload.eventType, 'eventType', 'Azure DevOps'),
      id: typeof payload.id === 'string' ? payload.id : undefined,
      payload,
      meta: { subscriptionId: payload.subscriptionId, notificationId: payload.notificationId },
    };
  },
});
