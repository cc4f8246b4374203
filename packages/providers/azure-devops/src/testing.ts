import { randomUUID } from 'node:crypto';
import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';
import type { AzureDevOpsEvent } from './events.js';

export interface CreateAzureDevOpsRequestInput extends CodeRequestInput {
  /** Sent as `?code=` when given. */
  code?: string;
  /** Sent as basic authentication when given. */
  username?: string;
  password?: string;
  /** The event; `id`, `eventType` (`git.push`) and the subscription fields are filled in when absent. */
  payload?: Partial<AzureDevOpsEvent>;
}

/** Builds a `WebhookRequest` as an Azure DevOps "Web Hooks" service hook posts it. */
export function createAzureDevOpsRequest(input: CreateAzureDevOpsRequestInput): WebhookRequest {
  const payload = {
    subscriptionId: randomUUID(),
    notificationId: 1,
    id: randomUUID(),
    eventType: 'git.push',
    publisherId: 'tfs',
    resource: {},
    resourceVersion: '1.0',
    resourceContainers: {},
    createdDate: new Date().toISOString(),
    ...input.payload,
  };
  const credentials =
    input.username === undefined
      ? undefined
      : Buffer.from(`${input.username}:${input.password ?? ''}`).toString('base64');
  return createCodeRequest(input, {
    path: 'azure-devops',
    payload,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(credentials === undefined ? {} : { authorization: `Basic ${credentials}` }),
    },
  });
}
