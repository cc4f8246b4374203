import { jsonEventParser, record } from '@hookwire/core';

/** The body's `type` (`payment.updated`) names the event; `event_id` identifies it. */
export const parseSquareEvent = jsonEventParser('Square', {
  name: 'type',
  id: { optional: 'event_id' },
  meta(body) {
    const data = record(body.data);
    return {
      merchantId: body.merchant_id,
      createdAt: body.created_at,
      objectType: data.type,
      objectId: data.id,
    };
  },
});
