import {
  getHeader,
  type ParsedEvent,
  parseJsonBody,
  requireHeader,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * Names the event by `X-Event-Key` (`repo:push`, `pr:opened`). The delivery id is Cloud's
 * `X-Request-UUID` or Data Center's `X-Request-Id`; Cloud's hook id and attempt number go in meta.
 */
export function parseBitbucketEvent(request: WebhookRequest): ParsedEvent {
  const name = requireHeader(request, 'X-Event-Key', 'Bitbucket names the event in every webhook request.');
  const payload = parseJsonBody(request, 'Bitbucket');
  const attempt = getHeader(request, 'X-Attempt-Number');
  return {
    name,
    id: getHeader(request, 'X-Request-UUID') ?? getHeader(request, 'X-Request-Id'),
    payload,
    meta: {
      hookUuid: getHeader(request, 'X-Hook-UUID'),
      attemptNumber: attempt !== undefined && /^\d+$/.test(attempt) ? Number(attempt) : undefined,
    },
  };
}
