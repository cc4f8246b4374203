import {
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/** Reads an event: named by `type` (`page.created`), id `id`. */
export function parseNotionEvent(request: WebhookRequest): ParsedEvent {
  const payload = parseJsonBody<unknown>(request, 'Notion');
  const body = isRecord(payload) ? payload : {};
  return {
    name: requireString(body.type, 'type', 'Notion'),
    id: requireString(body.id, 'id', 'Notion'),
    payload,
    meta: {
      attemptNumber: body.attempt_number,
      subscriptionId: body.subscription_id,
      workspaceId: body.workspace_id,
    },
  };
}
