import { getHeader, jsonEventParser, record } from '@hookwire/core';

/**
 * Names the event by the body's `trigger` (`FILE.UPLOADED`). The id is the body's event `id`, which
 * Box keeps across retries; the `BOX-DELIVERY-ID` header changes on every retry, so it goes in `meta`.
 */
export const parseBoxEvent = jsonEventParser('Box', {
  name: 'trigger',
  id: { optional: 'id' },
  meta: (body, request) => ({
    deliveryId: getHeader(request, 'box-delivery-id'),
    deliveryTimestamp: getHeader(request, 'box-delivery-timestamp'),
    webhookId: record(body.webhook).id,
  }),
});
