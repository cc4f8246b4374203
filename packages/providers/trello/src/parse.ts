import {
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/** Names the event by `action.type` (`updateCard`); the action id is the delivery id. */
export function parseTrelloEvent(request: WebhookRequest): ParsedEvent {
  const payload = parseJsonBody(request, 'Trello');
  const action = isRecord(payload) ? payload.action : undefined;
  const record = isRecord(action) ? action : {};
  const name = requireString(record.type, 'action.type', 'Trello');
  const id = requireString(record.id, 'action.id', 'Trello');
  const model = isRecord(payload) && isRecord(payload.model) ? payload.model : undefined;
  return { name, id, payload, meta: { modelId: model?.id } };
}
