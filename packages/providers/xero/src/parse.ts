import { isRecord, type ParsedEvent, parseJsonBody, WebhookError, type WebhookRequest } from '@hookwire/core';

/** One event per item of `events`, named `<eventCategory>.<eventType>` (`INVOICE.UPDATE`). */
export function parseXeroEvents(request: WebhookRequest): ParsedEvent[] {
  const body = parseJsonBody<unknown>(request, 'Xero');
  if (!isRecord(body) || !Array.isArray(body.events)) {
    throw new WebhookError('malformed_body', 'The Xero webhook body has no `events` array.');
  }
  const batch = { firstEventSequence: body.firstEventSequence, lastEventSequence: body.lastEventSequence };
  return body.events.map((item, index) => {
    if (!isRecord(item) || typeof item.eventCategory !== 'string' || typeof item.eventType !== 'string') {
      throw new WebhookError(
        'malformed_body',
        `Xero event #${index + 1} has no \`eventCategory\` / \`eventType\` strings.`,
      );
    }
    // Xero sends no delivery id; resource, change and time together name one change.
    const id =
      typeof item.resourceId === 'string' && typeof item.eventDateUtc === 'string'
        ? `${item.resourceId}:${item.eventType}:${item.eventDateUtc}`
        : undefined;
    return {
      name: `${item.eventCategory}.${item.eventType}`,
      id,
      payload: item,
      meta: { tenantId: item.tenantId, ...batch },
    };
  });
}
