import { randomUUID } from 'node:crypto';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import type { GraphChangeNotification, GraphLifecycleNotification } from './events.js';

export interface CreateGraphNotificationInput {
  /** The clientState to put in every notification. */
  clientState: string;
  /** Notifications (missing fields are filled in); default one `created` change. */
  notifications?: (Partial<GraphChangeNotification> | Partial<GraphLifecycleNotification>)[];
  validationTokens?: string[];
  url?: string;
}

/** Builds a change-notification POST as Microsoft Graph sends them, for testing your handlers. */
export function createGraphNotification(input: CreateGraphNotificationInput): WebhookRequest {
  const notifications = input.notifications ?? [{ changeType: 'created', resource: 'Users/1/Messages/1' }];
  const value = notifications.map((notification) => ({
    subscriptionId: randomUUID(),
    subscriptionExpirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
    tenantId: randomUUID(),
    clientState: input.clientState,
    ...notification,
  }));
  const body = JSON.stringify({
    value,
    ...(input.validationTokens ? { validationTokens: input.validationTokens } : {}),
  });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Builds the validation POST Graph sends when a subscription is created. */
export function createGraphValidationRequest(input: { token?: string; url?: string } = {}): WebhookRequest {
  const url = new URL(input.url ?? 'https://example.com/webhooks/microsoft-graph');
  url.searchParams.set(
    'validationToken',
    input.token ??
      `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`,
  );
  return createWebhookRequest({
    url: url.toString(),
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
