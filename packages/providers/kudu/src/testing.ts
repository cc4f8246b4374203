import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';
import type { KuduNotification } from './events.js';

export interface CreateKuduRequestInput extends CodeRequestInput {
  code: string;
  payload?: Partial<KuduNotification>;
}

/** Builds a `WebhookRequest` as Kudu posts it to a URL registered with `?code=`. */
export function createKuduRequest(input: CreateKuduRequestInput): WebhookRequest {
  return createCodeRequest(input, {
    path: 'kudu',
    payload: { status: 'success', complete: true, ...input.payload },
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
