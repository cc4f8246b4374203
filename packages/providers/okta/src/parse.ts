import {
  isRecord,
  jsonResponse,
  type ParseOutcome,
  parseJsonBody,
  requireHeader,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * GET is the one-time verification: the `X-Okta-Verification-Challenge` value goes back as
 * `{"verification": …}`. POST carries `data.events`, one event each, named by `eventType`.
 */
export function parseOktaRequest(request: WebhookRequest): ParseOutcome {
  if (request.method === 'GET') {
    const challenge = requireHeader(
      request,
      'X-Okta-Verification-Challenge',
      'Okta sends it in the one-time verification request of a new event hook.',
    );
    return { response: jsonResponse(200, { verification: challenge }) };
  }
  const body = parseJsonBody<unknown>(request, 'Okta');
  const events = isRecord(body) && isRecord(body.data) ? body.data.events : undefined;
  if (!isRecord(body) || !Array.isArray(events)) {
    throw new WebhookError('malformed_body', 'The Okta event hook body has no `data.events` array.');
  }
  return events.map((event, index) => {
    if (!isRecord(event) || typeof event.eventType !== 'string') {
      throw new WebhookError('malformed_body', `Okta event #${index + 1} has no \`eventType\`.`);
    }
    return {
      name: event.eventType,
      id: typeof event.uuid === 'string' ? event.uuid : undefined,
      payload: event,
      meta: { deliveryId: body.eventId, eventTime: body.eventTime, source: body.source },
    };
  });
}
