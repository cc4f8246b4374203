import {
  getHeader,
  hmacHex,
  isRecord,
  jsonResponse,
  type ParseOutcome,
  parseJsonBody,
  requireString,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * `endpoint.url_validation` is answered with the plain token and its HMAC under the secret that
 * signed the request; any other event is named by the body's `event` (`meeting.started`).
 */
export function parseZoomEvent(request: WebhookRequest, signingSecret: () => string): ParseOutcome {
  const body = parseJsonBody(request, 'Zoom');
  if (!isRecord(body))
    throw new WebhookError('malformed_body', 'The Zoom webhook body is not a JSON object.');
  const name = requireString(body.event, 'event', 'Zoom');
  const payload = isRecord(body.payload) ? body.payload : {};
  if (name === 'endpoint.url_validation') {
    const plainToken = requireString(payload.plainToken, 'payload.plainToken', 'Zoom');
    return {
      response: jsonResponse(200, {
        plainToken,
        encryptedToken: hmacHex('sha256', signingSecret(), plainToken),
      }),
    };
  }
  const object = isRecord(payload.object) ? payload.object : {};
  const objectId = object.uuid ?? object.id;
  return {
    name,
    // Zoom sends no delivery id; the event, its millisecond time and its object identify it.
    id: [name, body.event_ts, objectId].filter((part) => part !== undefined && part !== '').join(':'),
    payload: body,
    meta: {
      eventTs: body.event_ts,
      accountId: payload.account_id,
      trackingId: getHeader(request, 'x-zm-trackingid'),
    },
  };
}
