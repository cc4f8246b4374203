import { jsonEventParser, record } from '@hookwire/core';

/**
 * GitLab's own event name, `X-Gitlab-Event` (`Push Hook`, `Merge Request Hook`), names the event;
 * the payload's `object_kind` (or `event_name` for system hooks) and action go in `meta`.
 */
export const parseGitLabEvent = jsonEventParser('GitLab', {
  name: { header: 'X-Gitlab-Event', hint: 'GitLab sends it with every webhook.' },
  // Idempotency-Key stays the same across retries of one delivery; the event UUID is older.
  id: { header: ['Idempotency-Key', 'X-Gitlab-Event-UUID'] },
  metaHeaders: {
    eventUuid: 'X-Gitlab-Event-UUID',
    webhookUuid: 'X-Gitlab-Webhook-UUID',
    instance: 'X-Gitlab-Instance',
  },
  meta: (body) => ({
    objectKind: body.object_kind ?? body.event_name,
    action: record(body.object_attributes).action,
  }),
});
