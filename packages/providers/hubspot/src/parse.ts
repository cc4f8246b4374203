import {
  getHeader,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  searchParams,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * One event per array element, named by `subscriptionType`, identified by `eventId`. A workflow's
 * GET has no body: it is one `workflow.get` event whose payload is the URL's query parameters.
 */
export function parseHubSpotEvents(request: WebhookRequest): ParsedEvent[] {
  const signatureVersion = getHeader(request, 'X-HubSpot-Signature-v3')
    ? 'v3'
    : getHeader(request, 'X-HubSpot-Signature-Version');
  if (request.method === 'GET') {
    const query = Object.fromEntries(searchParams(request));
    return [{ name: 'workflow.get', payload: query, meta: { signatureVersion } }];
  }
  const body = parseJsonBody(request, 'HubSpot');
  const items = Array.isArray(body) ? body : [body];
  return items.map((item, index) => {
    if (!isRecord(item) || typeof item.subscriptionType !== 'string' || item.subscriptionType === '') {
      throw new WebhookError(
        'malformed_body',
        `HubSpot event #${index + 1} has no \`subscriptionType\` string.`,
      );
    }
    return {
      name: item.subscriptionType,
      id: item.eventId === undefined ? undefined : String(item.eventId),
      payload: item,
      meta: {
        portalId: item.portalId,
        appId: item.appId,
        subscriptionId: item.subscriptionId,
        attemptNumber: item.attemptNumber,
        occurredAt: item.occurredAt,
        signatureVersion,
      },
    };
  });
}
