import { isRecord, parseJsonBody, requireString } from './body.js';
import { getHeader, requireHeader } from './headers.js';
import type { ParsedEvent } from './receiver.js';
import type { WebhookRequest } from './types.js';

/** Where a JSON webhook keeps its event name and id, for providers that send one event per body. */
export interface JsonEventSpec {
  /**
   * The event name: its path in the body (`type`, or dotted for a nested one, `event.type`), or a
   * header the provider always sends (`{ header: 'X-Event-Key', hint }`; `hint` explains a missing one).
   */
  name: string | { header: string; hint?: string };
  /**
   * The id: a path in the body that must hold a string, `{ optional: path }` for one that may be
   * absent, or optional headers, the first one present winning (`{ header: 'X-Event-Id' }`).
   */
  id?: string | { optional: string } | { header: string | readonly string[] };
  /** Facts for `event.meta`: headers to copy (`{ shop: 'X-Shop-Domain' }`)… */
  metaHeaders?: Record<string, string>;
  /** …and facts read from the body's top-level object and the request. */
  meta?(body: Record<string, unknown>, request: WebhookRequest): Record<string, unknown>;
}

/**
 * A `parse` step for `spec`: the JSON body is the payload; a missing name or required id is
 * `malformed_body` naming its path (`missing_header` for a header name, checked before the body).
 */
export function jsonEventParser(
  provider: string,
  spec: JsonEventSpec,
): (request: WebhookRequest) => ParsedEvent {
  const { name, id, meta, metaHeaders } = spec;
  return (request) => {
    const named = typeof name === 'string' ? undefined : requireHeader(request, name.header, name.hint);
    const payload = parseJsonBody(request, provider);
    const body = record(payload);
    const event: ParsedEvent = {
      name: named ?? requireString(at(body, name as string), name as string, provider),
      payload,
    };
    if (typeof id === 'string') event.id = requireString(at(body, id), id, provider);
    else if (id && 'optional' in id) event.id = optionalString(at(body, id.optional));
    else if (id) event.id = firstHeader(request, id.header);
    if (metaHeaders || meta) {
      event.meta = {};
      for (const [key, header] of Object.entries(metaHeaders ?? {}))
        event.meta[key] = getHeader(request, header);
      if (meta) Object.assign(event.meta, meta(body, request));
    }
    return event;
  };
}

/** `record(value)` is the value when it is a JSON object, else `{}`: for reading optional nested fields. */
export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function firstHeader(request: WebhookRequest, names: string | readonly string[]): string | undefined {
  for (const header of typeof names === 'string' ? [names] : names) {
    const value = getHeader(request, header);
    if (value) return value;
  }
  return undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function at(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) value = record(value)[key];
  return value;
}
