import { isRecord, type ParsedEvent, parseJsonBody, WebhookError, type WebhookRequest } from '@hookwire/core';

/**
 * One event per item of `events`, named `<resource.resource_type>.<action>` (`task.changed`,
 * `story.added`). An empty `events` array is a heartbeat: no event, 200.
 */
export function parseAsanaEvents(request: WebhookRequest): ParsedEvent[] {
  const body = parseJsonBody<unknown>(request, 'Asana');
  if (!isRecord(body) || !Array.isArray(body.events)) {
    throw new WebhookError('malformed_body', 'The Asana webhook body has no `events` array.');
  }
  return body.events.map((item, index) => {
    const resource = isRecord(item) && isRecord(item.resource) ? item.resource : undefined;
    if (!resource || typeof resource.resource_type !== 'string' || typeof item.action !== 'string') {
      throw new WebhookError(
        'malformed_body',
        `Asana event #${index + 1} has no \`action\` or \`resource.resource_type\`.`,
      );
    }
    // Asana events carry no id, and the same change can legitimately repeat: no `id`, so no dedupe.
    return {
      name: `${resource.resource_type}.${item.action}`,
      payload: item,
      meta: { resourceSubtype: resource.resource_subtype },
    };
  });
}
