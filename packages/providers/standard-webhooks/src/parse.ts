import { isRecord, type ParsedEvent, parseJsonBody, type WebhookRequest } from '@hookwire/core';
import { readStandardHeaders, type StandardHeaderPrefix } from './headers.js';

/** The event name of a payload without a `type` string (the spec recommends one but does not require it). */
export const UNTYPED_EVENT = 'message';

/** Reads the verified message: name from the body's `type`, id from the `webhook-id` header. */
export function parseStandardEvent(
  request: WebhookRequest,
  title: string,
  prefixes: readonly StandardHeaderPrefix[],
): ParsedEvent {
  const headers = readStandardHeaders(request, prefixes);
  const payload = parseJsonBody(request, title);
  const type = isRecord(payload) ? payload.type : undefined;
  return {
    name: typeof type === 'string' && type !== '' ? type : UNTYPED_EVENT,
    id: headers.id,
    payload,
    meta: {
      // Verified already: whole Unix seconds.
      timestamp: Number(headers.timestamp) * 1000,
      headerPrefix: headers.prefix,
    },
  };
}
