import { randomBytes } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignStripeRequestInput {
  /** The endpoint secret (`whsec_…`); an array adds one `v1` signature per secret, as during a roll. */
  secret: string | string[];
  /** An event to serialise, or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** Unix seconds (default now). */
  timestamp?: number;
  url?: string;
}

/** The `Stripe-Signature` value for a body: `t=<timestamp>,v1=<hex>[,v1=<hex>…]`. */
export function stripeSignatureHeader(input: {
  secret: string | string[];
  body: string | Uint8Array;
  timestamp?: number;
}): string {
  const t = input.timestamp ?? Math.floor(Date.now() / 1000);
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  return [`t=${t}`, ...secrets.map((secret) => `v1=${hmacHex('sha256', secret, `${t}.`, input.body)}`)].join(
    ',',
  );
}

/** Builds a `WebhookRequest` signed as Stripe signs it, for testing your handlers. */
export function signStripeRequest(input: SignStripeRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {});
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': stripeSignatureHeader({ secret: input.secret, body, timestamp: input.timestamp }),
    },
  });
}

/** A minimal, well-formed Stripe event envelope around `object`, for `signStripeRequest`'s `payload`. */
export function stripeTestEvent<TType extends string, TObject>(
  type: TType,
  object: TObject,
  overrides: { id?: string; created?: number; livemode?: boolean; api_version?: string } = {},
) {
  return {
    id: overrides.id ?? `evt_test_${randomBytes(12).toString('hex')}`,
    object: 'event' as const,
    api_version: overrides.api_version ?? '2025-03-31.basil',
    created: overrides.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: overrides.livemode ?? false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
