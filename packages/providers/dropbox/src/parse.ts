import { isRecord, type ParsedEvent, parseJsonBody, WebhookError, type WebhookRequest } from '@hookwire/core';

/**
 * One notification, one event. Dropbox sends no event type and no delivery id: the body's
 * top-level key says what kind of change it reports. `list_folder` (API v2) wins over the legacy
 * `delta` mirror that accompanies it; an unknown new kind arrives under its own key.
 */
export function parseDropboxNotification(request: WebhookRequest): ParsedEvent {
  const payload = parseJsonBody(request, 'Dropbox');
  if (!isRecord(payload)) {
    throw new WebhookError('malformed_body', 'The Dropbox notification body is not a JSON object.');
  }
  const name = 'list_folder' in payload ? 'list_folder' : Object.keys(payload)[0];
  if (name === undefined) {
    throw new WebhookError('malformed_body', 'The Dropbox notification body is an empty object.');
  }
  return { name, payload };
}
