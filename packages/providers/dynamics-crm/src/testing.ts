import { randomUUID } from 'node:crypto';
import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';
import type { DynamicsExecutionContext } from './events.js';

export interface CreateDynamicsCrmRequestInput extends CodeRequestInput {
  code: string;
  /** Fields of the execution context; `MessageName` (`Create`) and a few ids are filled in when absent. */
  payload?: Partial<DynamicsExecutionContext>;
}

/** Builds a `WebhookRequest` as Dynamics posts a webhook registered with a WebhookKey (`?code=`). */
export function createDynamicsCrmRequest(input: CreateDynamicsCrmRequestInput): WebhookRequest {
  const payload = {
    MessageName: 'Create',
    PrimaryEntityName: 'account',
    PrimaryEntityId: randomUUID(),
    CorrelationId: randomUUID(),
    OperationId: randomUUID(),
    InputParameters: [],
    OutputParameters: [],
    ...input.payload,
  };
  return createCodeRequest(input, {
    path: 'dynamics-crm',
    payload,
    headers: {
      'x-request-id': randomUUID(),
      'x-ms-dynamics-organization': String(payload.OrganizationName ?? 'contoso'),
      'x-ms-dynamics-entity-name': String(payload.PrimaryEntityName),
      'x-ms-dynamics-request-name': String(payload.MessageName),
    },
  });
}
