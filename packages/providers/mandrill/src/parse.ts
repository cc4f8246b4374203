import { isRecord, type ParsedEvent, parseFormBody, WebhookError, type WebhookRequest } from '@hookwire/core';

/** One event per item of the `mandrill_events` form field (a JSON array). */
export function parseMandrillEvents(request: WebhookRequest): ParsedEvent[] {
  const json = parseFormBody(request).get('mandrill_events');
  if (json === null) {
    throw new WebhookError(
      'malformed_body',
      'The Mandrill webhook body has no `mandrill_events` form field.',
    );
  }
  let events: unknown;
  try {
    events = JSON.parse(json);
  } catch (cause) {
    throw new WebhookError('malformed_body', 'The `mandrill_events` form field is not valid JSON.', {
      cause,
    });
  }
  if (!Array.isArray(events)) {
    throw new WebhookError('malformed_body', 'The `mandrill_events` form field is not a JSON array.');
  }
  return events.map((item, index) => {
    const name = isRecord(item) ? (typeof item.event === 'string' ? item.event : item.type) : undefined;
    if (typeof name !== 'string' || name === '') {
      throw new WebhookError(
        'malformed_body',
        `Mandrill event #${index + 1} has neither \`event\` nor \`type\`.`,
      );
    }
    const record = item as Record<string, unknown>;
    // `_id` names the message, shared by its send, opens and clicks: the event and time tell them apart.
    const id = typeof record._id === 'string' ? `${record._id}:${name}:${String(record.ts)}` : undefined;
    return { name, id, payload: item, meta: { messageId: record._id, ts: record.ts } };
  });
}
