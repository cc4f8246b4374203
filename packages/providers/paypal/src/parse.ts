import { getHeader, jsonEventParser } from '@hookwire/core';

/** Names the event by `event_type` (`PAYMENT.CAPTURE.COMPLETED`); `id` (`WH-…`) is the delivery id. */
export const parsePayPalEvent = jsonEventParser('PayPal', {
  name: 'event_type',
  id: 'id',
  meta(body, request) {
    return { transmissionId: getHeader(request, 'PAYPAL-TRANSMISSION-ID'), resourceType: body.resource_type };
  },
});
