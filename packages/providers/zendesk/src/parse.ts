import {
  bodyText,
  contentType,
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  type WebhookRequest,
} from '@hookwire/core';
import type { ZendeskOptions } from './options.js';

const EVENT_TYPE = 'zen:event-type:';

/**
 * Event subscriptions are named by their `type` (`zen:event-type:ticket.created`); trigger and
 * automation webhooks carry a body the admin wrote (JSON, form or XML, none for GET and DELETE),
 * named by the `triggerEvent` option.
 */
export function parseZendeskRequest(request: WebhookRequest, options: ZendeskOptions): ParsedEvent {
  const payload = readBody(request);
  const subscription =
    isRecord(payload) && typeof payload.type === 'string' && payload.type.startsWith(EVENT_TYPE);
  const name = subscription ? (payload.type as string) : triggerName(payload, request, options);
  const bodyId = subscription && typeof payload.id === 'string' ? payload.id : undefined;
  return {
    name,
    id: getHeader(request, 'X-Zendesk-Webhook-Invocation-Id') ?? bodyId,
    payload,
    meta: {
      kind: subscription ? 'event' : 'trigger',
      webhookId: getHeader(request, 'X-Zendesk-Webhook-Id'),
      accountId:
        getHeader(request, 'X-Zendesk-Account-Id') ?? (subscription ? payload.account_id : undefined),
    },
  };
}

function readBody(request: WebhookRequest): unknown {
  if (request.body.byteLength === 0) return undefined;
  const type = contentType(request);
  if (type === 'application/x-www-form-urlencoded')
    return Object.fromEntries(new URLSearchParams(bodyText(request)));
  if (type.endsWith('/xml')) return bodyText(request);
  return parseJsonBody(request, 'Zendesk');
}

function triggerName(payload: unknown, request: WebhookRequest, options: ZendeskOptions): string {
  const { triggerEvent } = options;
  if (typeof triggerEvent === 'function') return triggerEvent(payload, request);
  return triggerEvent ?? 'trigger';
}
