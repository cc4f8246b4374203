import { isRecord, type ParsedEvent, parseJsonBody, WebhookError, type WebhookRequest } from '@hookwire/core';

/** One event per array element, named by `event`, identified by `sg_event_id`. */
export function parseSendGridEvents(request: WebhookRequest): ParsedEvent[] {
  const body = parseJsonBody(request, 'SendGrid');
  // SendGrid posts an array; a single object is read as one event.
  const items = Array.isArray(body) ? body : [body];
  return items.map((item, index) => {
    if (!isRecord(item) || typeof item.event !== 'string' || item.event === '') {
      throw new WebhookError('malformed_body', `SendGrid event #${index + 1} has no \`event\` string.`);
    }
    return {
      name: item.event,
      id: typeof item.sg_event_id === 'string' ? item.sg_event_id : undefined,
      payload: item,
      meta: { sgMessageId: item.sg_message_id, timestamp: item.timestamp },
    };
  });
}
