import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';
import { notificationSigningData } from './hmac.js';

export interface SignAdyenNotificationInput {
  /** The hex HMAC key. */
  secret: string;
  /** `NotificationRequestItem`s; each gets `additionalData.hmacSignature`. */
  items: Record<string, unknown>[];
  live?: boolean;
  url?: string;
}

/** Builds a standard notification signed as Adyen signs it (one signature per item), for testing your handlers. */
export function signAdyenNotification(input: SignAdyenNotificationInput): WebhookRequest {
  const key = Buffer.from(input.secret, 'hex');
  const notificationItems = input.items.map((item) => {
    const additionalData = { ...(item.additionalData as Record<string, string> | undefined) };
    additionalData.hmacSignature = hmacBase64('sha256', key, notificationSigningData(item));
    return { NotificationRequestItem: { ...item, additionalData } };
  });
  return createWebhookRequest({
    url: input.url,
    body: JSON.stringify({ live: String(input.live ?? false), notificationItems }),
    headers: { 'content-type': 'application/json' },
  });
}

export interface SignAdyenBalancePlatformRequestInput {
  /** The hex HMAC key. */
  secret: string;
  /** The body's `type`, e.g. `balancePlatform.accountHolder.created`, used when `body` is not given. */
  type?: string;
  data?: unknown;
  /** The exact body bytes; overrides `type` and `data`. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds a Balance Platform webhook signed with the `HmacSignature` header, for testing your handlers. */
export function signAdyenBalancePlatformRequest(input: SignAdyenBalancePlatformRequestInput): WebhookRequest {
  const body =
    input.body ??
    JSON.stringify({
      data: input.data ?? {},
      environment: 'test',
      timestamp: new Date().toISOString(),
      type: input.type ?? 'balancePlatform.accountHolder.created',
    });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      hmacsignature: hmacBase64('sha256', Buffer.from(input.secret, 'hex'), body),
    },
  });
}
