import { jsonEventParser } from '@hookwire/core';

/** Reads an event: named by `type` (`page.created`), id `id`. */
export const parseNotionEvent = jsonEventParser('Notion', {
  name: 'type',
  id: 'id',
  meta: (body) => ({
    attemptNumber: body.attempt_number,
    subscriptionId: body.subscription_id,
    workspaceId: body.workspace_id,
  }),
});
