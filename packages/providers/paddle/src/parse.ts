import { jsonEventParser } from '@hookwire/core';

/** `event_type` (`transaction.completed`) names the event; `event_id` identifies it. */
export const parsePaddleEvent = jsonEventParser('Paddle', {
  name: 'event_type',
  id: { optional: 'event_id' },
  meta: (body) => ({ notificationId: body.notification_id, occurredAt: body.occurred_at }),
});
