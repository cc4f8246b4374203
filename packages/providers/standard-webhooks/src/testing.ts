import { randomUUID } from 'node:crypto';
import { createWebhookRequest, signStandardWebhook, type WebhookRequest } from '@hookwire/core';
import type { ReceiverDescription, ReceiverUnderTest } from '@hookwire/core/testing';
import type { StandardHeaderPrefix } from './headers.js';

export interface SignStandardWebhookRequestInput {
  /** `whsec_` secret(s): one `v1` signature each. */
  secret?: string | string[];
  /** `whsk_` signing key(s): one `v1a` signature each. */
  signingKey?: string | string[];
  /** A payload to serialise, or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** The message id (default a random `msg_…`). */
  id?: string;
  /** Unix seconds (default now). */
  timestamp?: number;
  /** `webhook` (default) or `svix` header names. */
  headerPrefix?: StandardHeaderPrefix;
  url?: string;
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/** Builds a `WebhookRequest` signed as a Standard Webhooks sender signs it, for testing your handlers. */
export function signStandardWebhookRequest(input: SignStandardWebhookRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {});
  const id = input.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const prefix = input.headerPrefix ?? 'webhook';
  const signature = signStandardWebhook({
    id,
    timestamp,
    body,
    secrets: list(input.secret),
    signingKeys: list(input.signingKey),
  });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      [`${prefix}-id`]: id,
      [`${prefix}-timestamp`]: String(timestamp),
      [`${prefix}-signature`]: signature,
    },
  });
}

/** The input of a Svix-delivered preset's test signer (Clerk, Resend, …). */
export interface SignSvixRequestInput {
  /** The endpoint secret (`whsec_…`); an array adds one signature per secret. */
  secret: string | string[];
  /** An event to serialise, or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** The `svix-id` (default a random `msg_…`). */
  id?: string;
  /** Unix seconds (default now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Svix signs it, under `svix-*` header names. */
export function signSvixRequest(input: SignSvixRequestInput): WebhookRequest {
  return signStandardWebhookRequest({ ...input, headerPrefix: 'svix' });
}

/** What `svixPresetDescription` needs of a Svix-delivered preset. */
export interface SvixPresetInput {
  /** The provider name the preset reports in `event.provider` (`clerk`). */
  provider: string;
  /** The preset factory, e.g. `clerk`. */
  create: (options: { secret: string | string[]; now?: () => number; dedupe?: boolean }) => ReceiverUnderTest;
  /** A sample event; its `type` is the expected event name. */
  payload: { type: string };
}

/**
 * The `describeReceiver` description of a Svix-delivered preset of `defineStandardWebhooksProvider`
 * (Clerk, Resend, …): `describeReceiver(svixPresetDescription({ provider: 'clerk', create: clerk, payload }))`.
 */
export function svixPresetDescription(input: SvixPresetInput): ReceiverDescription {
  const { payload } = input;
  return {
    provider: input.provider,
    create: input.create,
    sign: ({ secret, timestamp }) => signSvixRequest({ secret, payload, id: 'msg_conformance', timestamp }),
    secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_dGhlIHByZXZpb3VzIGVuZHBvaW50IHNlY3JldA=='],
    event: { name: payload.type, id: 'msg_conformance' },
    signatureHeaders: ['svix-signature', 'svix-id', 'svix-timestamp'],
    malformedSignature: { value: 'v1,***' },
    timestamp: { tolerance: 300 },
    deliveryId: true,
  };
}
