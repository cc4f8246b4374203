import { randomUUID } from 'node:crypto';
import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';
import type { AcrEvent } from './events.js';

export interface CreateAzureContainerRegistryRequestInput extends CodeRequestInput {
  code: string;
  /** Fields of the event; `id`, `timestamp` and `action` (`push`) are filled in when absent. */
  payload?: Partial<AcrEvent>;
}

/** Builds a `WebhookRequest` as ACR posts it to a service URI registered with `?code=`. */
export function createAzureContainerRegistryRequest(
  input: CreateAzureContainerRegistryRequestInput,
): WebhookRequest {
  const payload = { id: randomUUID(), timestamp: new Date().toISOString(), action: 'push', ...input.payload };
  return createCodeRequest(input, { path: 'azure-container-registry', payload });
}
