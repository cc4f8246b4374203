import { isRecord, parseJsonBody, requireString } from './body.js';
import { getHeader } from './headers.js';
import type { ParsedEvent } from './receiver.js';
import type { WebhookRequest } from './types.js';

/** Where a JSON webhook keeps its event name and id, for providers that send one event per body. */
export interface JsonEventSpec {
  /** The path of the event name in the body: `type`, or dotted for a nested one (`event.type`). */
  name: string;
  /**
   * The id: a path in the body that must hold a string, `{ optional: path }` for one that may be
   * absent, or an optional header (`{ header: 'X-Event-Id' }`).
   */
  id?: string | { optional: string } | { header: string };
  /** Facts for `event.meta`, from the body's top-level object and the request. */
  meta?(body: Record<string, unknown>, request: WebhookRequest): Record<string, unknown>;
}

/** A `parse` step for `spec`: the JSON body is the payload; a missing name or id is `malformed_body`. */
export function jsonEventParser(
  provider: string,
  spec: JsonEventSpec,
): (request: WebhookRequest) => ParsedEvent {
  return (request) => {
    const payload = parseJsonBody(request, provider);
    const body = isRecord(payload) ? payload : {};
    const event: ParsedEvent = { name: requireString(at(body, spec.name), spec.name, provider), payload };
    const { id, meta } = spec;
    if (typeof id === 'string') event.id = requireString(at(body, id), id, provider);
    else if (id && 'optional' in id) event.id = optionalString(at(body, id.optional));
    else if (id) event.id = getHeader(request, id.header) || undefined;
    if (meta) event.meta = meta(body, request);
    return event;
  };
}

/** `record(value)` is the value when it is a JSON object, else `{}`: for reading optional nested fields. */
export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function at(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) value = record(value)[key];
  return value;
}
