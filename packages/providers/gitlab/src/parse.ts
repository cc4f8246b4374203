import {
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireHeader,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * GitLab's own event name, `X-Gitlab-Event` (`Push Hook`, `Merge Request Hook`), names the event;
 * the payload's `object_kind` (or `event_name` for system hooks) and action go in `meta`.
 */
export function parseGitLabEvent(request: WebhookRequest): ParsedEvent {
  const name = requireHeader(request, 'X-Gitlab-Event', 'GitLab sends it with every webhook.');
  const payload = parseJsonBody(request, 'GitLab');
  const body = isRecord(payload) ? payload : {};
  const attributes = isRecord(body.object_attributes) ? body.object_attributes : {};
  return {
    name,
    // Idempotency-Key stays the same across retries of one delivery; the event UUID is older.
    id: getHeader(request, 'Idempotency-Key') ?? getHeader(request, 'X-Gitlab-Event-UUID'),
    payload,
    meta: {
      objectKind: body.object_kind ?? body.event_name,
      action: attributes.action,
      eventUuid: getHeader(request, 'X-Gitlab-Event-UUID'),
      webhookUuid: getHeader(request, 'X-Gitlab-Webhook-UUID'),
      instance: getHeader(request, 'X-Gitlab-Instance'),
    },
  };
}
