import {
  contentType,
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireHeader,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

/** Reads the event: `X-GitHub-Event` plus the payload's `action` (`issues.opened`), id from `X-GitHub-Delivery`. */
export function parseGitHubEvent(request: WebhookRequest): ParsedEvent {
  const event = requireHeader(request, 'X-GitHub-Event', 'Is this request from GitHub?');
  const payload = readPayload(request);
  const action = isRecord(payload) && typeof payload.action === 'string' ? payload.action : undefined;
  const id = requireHeader(request, 'X-GitHub-Delivery', 'GitHub sends a delivery GUID with every webhook.');
  return {
    name: action ? `${event}.${action}` : event,
    id,
    payload,
    meta: {
      hookId: request.headers['x-github-hook-id'],
      installationTargetType: request.headers['x-github-hook-installation-target-type'],
      installationTargetId: request.headers['x-github-hook-installation-target-id'],
    },
  };
}

// A webhook set up with content type `application/x-www-form-urlencoded` sends `payload=<json>`;
// the signature covers those form bytes, which were verified before this runs.
function readPayload(request: WebhookRequest): unknown {
  if (contentType(request) !== 'application/x-www-form-urlencoded') return parseJsonBody(request, 'GitHub');
  const json = new URLSearchParams(new TextDecoder().decode(request.body)).get('payload');
  if (json === null) {
    throw new WebhookError('malformed_body', 'The GitHub form-encoded webhook body has no `payload` field.');
  }
  try {
    return JSON.parse(json);
  } catch (cause) {
    throw new WebhookError('malformed_body', 'The GitHub `payload` form field is not valid JSON.', { cause });
  }
}
