import { randomUUID } from 'node:crypto';
import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';
import type { MyGetEnvelope } from './events.js';

export interface CreateMyGetRequestInput extends CodeRequestInput {
  code: string;
  /** The envelope; `Identifier`, `Username`, `When` and `PayloadType` (a package added) are filled in when absent. */
  payload?: Partial<MyGetEnvelope>;
}

/** Builds a `WebhookRequest` as MyGet's HTTP Post webhook sends it to a URL registered with `?code=`. */
export function createMyGetRequest(input: CreateMyGetRequestInput): WebhookRequest {
  const payload = {
    Identifier: randomUUID(),
    Username: 'test',
    When: new Date().toISOString(),
    PayloadType: 'PackageAddedWebHookEventPayloadV1',
    Payload: {},
    ...input.payload,
  };
  return createCodeRequest(input, {
    path: 'myget',
    payload,
    headers: {
      'content-type': 'application/vnd.myget.webhooks.v1+json',
      'user-agent': 'MyGet Web Hook/1.0',
      'x-myget-eventidentifier': payload.Identifier,
    },
  });
}
