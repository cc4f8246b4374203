import { jsonEventParser, record } from '@hookwire/core';

/** Names the event by `action.type` (`updateCard`); the action id is the delivery id. */
export const parseTrelloEvent = jsonEventParser('Trello', {
  name: 'action.type',
  id: 'action.id',
  meta: (body) => ({ modelId: record(body.model).id }),
});
