import { decodeStandardSecret, isRecord, validateEventFilter } from '@hookwire/core';
import { invalid } from './errors.js';
import { type PayloadFilter, validateFilter } from './payload-filter.js';
import type { DeliveryFormat, SigningScheme } from './types.js';

/** What a caller gives to create a subscription (the management API's POST body). */
export interface SubscriptionInput {
  url: string;
  /** Event filters: `*`, `invoice.*`, `invoice.paid`. */
  events: string[];
  /** A `whsec_` secret; generated when absent. */
  secret?: string;
  headers?: Record<string, string>;
  metadata?: Record<string, string>;
  description?: string;
  format?: DeliveryFormat;
  /** Delays in seconds between attempts (the sender's schedule when absent). */
  retrySchedule?: number[];
  disabled?: boolean;
  /** A payload filter on the event's `data` (see `compileFilter`), checked after the event type. */
  filter?: PayloadFilter;
  /** One delivery at a time, in publish order. */
  ordered?: boolean;
  /** At most this many deliveries per second. */
  rateLimit?: number;
  /** `hmac` (default, `v1`) or `ed25519` (`v1a`; `secret`, when given, is then a `whsk_` key). */
  signing?: SigningScheme;
}

/** What can change on a subscription (the management API's PATCH body). `null` clears an optional field. */
export interface SubscriptionUpdate {
  url?: string;
  events?: string[];
  headers?: Record<string, string>;
  metadata?: Record<string, string>;
  description?: string | null;
  format?: DeliveryFormat;
  retrySchedule?: number[] | null;
  disabled?: boolean;
  filter?: PayloadFilter | null;
  ordered?: boolean;
  rateLimit?: number | null;
}

const CREATE_FIELDS = new Set([
  'url',
  'events',
  'secret',
  'headers',
  'metadata',
  'description',
  'format',
  'retrySchedule',
  'disabled',
  'filter',
  'ordered',
  'rateLimit',
  'signing',
]);
// The signing scheme comes with the secret: changing it means a new subscription.
const UPDATE_FIELDS = new Set(
  [...CREATE_FIELDS].filter((field) => field !== 'secret' && field !== 'signing'),
);
const MAX_RATE_LIMIT = 100_000;

// Headers the sender owns, or that would change how the request is framed or routed.
const FORBIDDEN_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-type',
  'content-encoding',
  'expect',
  'user-agent',
  'ms-signature',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Names of Object.prototype (`constructor`, `__proto__`, `toString`, …), compared lower-cased:
// as keys of the plain objects headers travel in, they would read or replace inherited members.
const RESERVED_HEADERS = new Set(
  Object.getOwnPropertyNames(Object.prototype).map((name) => name.toLowerCase()),
);
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const MAX_HEADERS = 32;
const MAX_METADATA_KEYS = 50;
const MAX_SCHEDULE_SECONDS = 7 * 24 * 3600;

export function rejectUnknownFields(
  value: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  at = '',
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      throw invalid(`${at}${key}`, `Unknown field "${at}${key}". Allowed: ${[...allowed].join(', ')}.`);
    }
  }
}

export function validateUrl(value: unknown, field = 'url'): string {
  if (typeof value !== 'string' || value.length === 0)
    throw invalid(field, `"${field}" must be a URL string.`);
  if (value.length > 2048) throw invalid(field, `"${field}" must be at most 2048 characters.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(field, `"${field}" must be an absolute http(s) URL, e.g. https://example.com/webhooks.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(field, `"${field}" must use http or https, not ${url.protocol.slice(0, -1)}.`);
  }
  if (url.username || url.password) {
    throw invalid(field, `"${field}" must not contain credentials; put them in "headers" instead.`);
  }
  if (url.hash) throw invalid(field, `"${field}" must not contain a #fragment.`);
  return url.href;
}

export function validateEvents(value: unknown, knownTypes?: ReadonlySet<string>): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid('events', '"events" must be a non-empty array of event filters, e.g. ["invoice.*"].');
  }
  if (value.length > 100) throw invalid('events', '"events" may hold at most 100 filters.');
  const events = new Set<string>();
  value.forEach((filter, index) => {
    const problem = validateEventFilter(filter) ?? filterGrammarProblem(filter as string);
    if (problem) throw invalid(`events[${index}]`, problem);
    if (knownTypes && knownTypes.size > 0 && !(filter as string).endsWith('*') && !knownTypes.has(filter)) {
      throw invalid(`events[${index}]`, `"${filter}" is not a known event type (see GET /event-types).`);
    }
    events.add(filter as string);
  });
  return [...events];
}

export function validateSecret(value: unknown, format: DeliveryFormat, signing?: SigningScheme): string {
  if (typeof value !== 'string') throw invalid('secret', '"secret" must be a string.');
  if (signing === 'ed25519') return validateSigningKey(value);
  if (format === 'aspnet') {
    // ASP.NET WebHooks receivers refuse secrets outside 32–64 characters.
    if (value.length < 32 || value.length > 64 || /\s/.test(value)) {
      throw invalid(
        'secret',
        '"secret" must be 32 to 64 characters without white space for the aspnet format.',
      );
    }
    return value;
  }
  let bytes: number;
  try {
    bytes = decodeStandardSecret(value).length;
  } catch {
    bytes = 0;
  }
  if (!value.startsWith('whsec_') || bytes < 24 || bytes > 64) {
    throw invalid(
      'secret',
      '"secret" must be "whsec_" followed by base64 of 24 to 64 random bytes; omit it to get one generated.',
    );
  }
  return value;
}

export function validateHeaders(value: unknown): Record<string, string> {
  if (!isRecord(value))
    throw invalid('headers', '"headers" must be an object of header names to string values.');
  const entries = Object.entries(value);
  if (entries.length > MAX_HEADERS)
    throw invalid('headers', `"headers" may hold at most ${MAX_HEADERS} headers.`);
  // Prototype-free while checking, so "given twice" means exactly that.
  const headers: Record<string, string> = Object.create(null);
  for (const [name, headerValue] of entries) {
    const field = `headers.${name}`;
    const lower = name.toLowerCase();
    if (!TOKEN.test(name) || name.length > 100) throw invalid(field, `"${name}" is not a valid header name.`);
    if (RESERVED_HEADERS.has(lower)) {
      throw invalid(
        field,
        `"${name}" is reserved (a JavaScript object property name); choose another header name.`,
      );
    }
    if (FORBIDDEN_HEADERS.has(lower) || lower.startsWith('webhook-')) {
      throw invalid(
        field,
        `The "${name}" header is set by the sender or by HTTP itself and cannot be overridden.`,
      );
    }
    if (Object.hasOwn(headers, lower)) throw invalid(field, `The "${name}" header is given twice.`);
    if (typeof headerValue !== 'string' || headerValue.length > 4096 || !HEADER_VALUE.test(headerValue)) {
      throw invalid(
        field,
        `The "${name}" header value must be a string of at most 4096 characters without line breaks.`,
      );
    }
    headers[lower] = headerValue;
  }
  return { ...headers };
}

export function validateMetadata(value: unknown): Record<string, string> {
  if (!isRecord(value)) throw invalid('metadata', '"metadata" must be an object of string values.');
  const entries = Object.entries(value);
  if (entries.length > MAX_METADATA_KEYS) {
    throw invalid('metadata', `"metadata" may hold at most ${MAX_METADATA_KEYS} keys.`);
  }
  for (const [key, item] of entries) {
    if (key.length === 0 || key.length > 100)
      throw invalid('metadata', 'metadata keys must be 1 to 100 characters.');
    if (typeof item !== 'string' || item.length > 1000) {
      throw invalid(`metadata.${key}`, `"metadata.${key}" must be a string of at most 1000 characters.`);
    }
  }
  return { ...(value as Record<string, string>) };
}

export function validateDescription(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) {
    throw invalid('description', '"description" must be a string of at most 500 characters.');
  }
  return value;
}

export function validateFormat(value: unknown): DeliveryFormat {
  if (value !== 'standard' && value !== 'aspnet')
    throw invalid('format', '"format" must be "standard" or "aspnet".');
  return value;
}

export function validateRetrySchedule(value: unknown, field = 'retrySchedule'): number[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > 20 ||
    value.some((n) => typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_SCHEDULE_SECONDS)
  ) {
    throw invalid(
      field,
      `"${field}" must be 1 to 20 delays in seconds between attempts (each 0 to ${MAX_SCHEDULE_SECONDS}), e.g. [5, 300, 1800].`,
    );
  }
  return [...value];
}

/** A `whsk_` ed25519 signing key: base64 of the 32-byte seed, or of seed and public key (64 bytes). */
function validateSigningKey(value: string): string {
  let bytes = 0;
  try {
    bytes = decodeStandardSecret(value.slice(5)).length;
  } catch {
    bytes = 0;
  }
  if (!value.startsWith('whsk_') || (bytes !== 32 && bytes !== 64)) {
    throw invalid(
      'secret',
      '"secret" must be a "whsk_" ed25519 signing key (base64 of 32 or 64 bytes) when "signing" is "ed25519"; omit it to get a key pair generated.',
    );
  }
  return value;
}

export function validateSigning(value: unknown): SigningScheme {
  if (value !== 'hmac' && value !== 'ed25519')
    throw invalid('signing', '"signing" must be "hmac" (v1 signatures) or "ed25519" (v1a).');
  return value;
}

export function validateRateLimit(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_RATE_LIMIT) {
    throw invalid(
      'rateLimit',
      `"rateLimit" must be a number of deliveries per second above 0 and at most ${MAX_RATE_LIMIT}, e.g. 10.`,
    );
  }
  return value;
}

function validateBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(field, `"${field}" must be true or false.`);
  return value;
}

/** Checks a create body: every field typed and bounded, no unknown field. */
export function validateSubscriptionInput(
  value: unknown,
  knownTypes?: ReadonlySet<string>,
): SubscriptionInput {
  if (!isRecord(value)) throw invalid('body', 'The body must be a JSON object.');
  rejectUnknownFields(value, CREATE_FIELDS);
  if (value.url === undefined) throw invalid('url', '"url" is required.');
  if (value.events === undefined) throw invalid('events', '"events" is required, e.g. ["invoice.*"].');
  const format = value.format === undefined ? 'standard' : validateFormat(value.format);
  const signing = value.signing === undefined ? undefined : validateSigning(value.signing);
  if (signing === 'ed25519' && format === 'aspnet') {
    throw invalid(
      'signing',
      '"signing": "ed25519" needs the standard format; the aspnet format signs with HMAC only.',
    );
  }
  return {
    url: validateUrl(value.url),
    events: validateEvents(value.events, knownTypes),
    format,
    ...(signing !== undefined ? { signing } : {}),
    ...(value.secret !== undefined ? { secret: validateSecret(value.secret, format, signing) } : {}),
    ...(value.ordered !== undefined ? { ordered: validateBoolean(value.ordered, 'ordered') } : {}),
    ...(value.rateLimit !== undefined ? { rateLimit: validateRateLimit(value.rateLimit) } : {}),
    ...(value.headers !== undefined ? { headers: validateHeaders(value.headers) } : {}),
    ...(value.metadata !== undefined ? { metadata: validateMetadata(value.metadata) } : {}),
    ...(value.description !== undefined ? { description: validateDescription(value.description) } : {}),
    ...(value.retrySchedule !== undefined
      ? { retrySchedule: validateRetrySchedule(value.retrySchedule) }
      : {}),
    ...(value.disabled !== undefined ? { disabled: validateBoolean(value.disabled, 'disabled') } : {}),
    ...(value.filter !== undefined ? { filter: validateFilter(value.filter) } : {}),
  };
}

/** Checks a PATCH body. */
export function validateSubscriptionUpdate(
  value: unknown,
  knownTypes?: ReadonlySet<string>,
): SubscriptionUpdate {
  if (!isRecord(value)) throw invalid('body', 'The body must be a JSON object.');
  rejectUnknownFields(value, UPDATE_FIELDS);
  const update: SubscriptionUpdate = {};
  if (value.url !== undefined) update.url = validateUrl(value.url);
  if (value.events !== undefined) update.events = validateEvents(value.events, knownTypes);
  if (value.headers !== undefined) update.headers = validateHeaders(value.headers);
  if (value.metadata !== undefined) update.metadata = validateMetadata(value.metadata);
  if (value.description !== undefined) {
    update.description = value.description === null ? null : validateDescription(value.description);
  }
  if (value.format !== undefined) update.format = validateFormat(value.format);
  if (value.retrySchedule !== undefined) {
    update.retrySchedule = value.retrySchedule === null ? null : validateRetrySchedule(value.retrySchedule);
  }
  if (value.disabled !== undefined) update.disabled = validateBoolean(value.disabled, 'disabled');
  if (value.filter !== undefined) update.filter = value.filter === null ? null : validateFilter(value.filter);
  if (value.ordered !== undefined) update.ordered = validateBoolean(value.ordered, 'ordered');
  if (value.rateLimit !== undefined) {
    update.rateLimit = value.rateLimit === null ? null : validateRateLimit(value.rateLimit);
  }
  return update;
}

const EVENT_TYPE = /^[A-Za-z0-9_-]+(?:[.:/][A-Za-z0-9_-]+)*$/;
const EVENT_ID = /^[A-Za-z0-9_:-]{1,128}$/;

/**
 * Why a filter that passed core's syntax check can still never match a valid event type (a NUL,
 * non-ASCII, anything outside the type grammar); `undefined` when it can.
 */
function filterGrammarProblem(filter: string): string | undefined {
  if (filter === '*') return undefined;
  // `invoice.*` matches the types under `invoice`: the part before the separator must be a type.
  const name = filter.endsWith('*') ? filter.slice(0, -2) : filter;
  if (EVENT_TYPE.test(name)) return undefined;
  return `The filter ${JSON.stringify(filter)} can never match an event type: types are letters, digits, _ and -, separated by ".", ":" or "/" (e.g. "invoice.paid", "invoice.*").`;
}

export function validateEventType(value: unknown, field = 'type'): string {
  if (typeof value !== 'string' || value.length > 200 || !EVENT_TYPE.test(value)) {
    throw invalid(
      field,
      `"${field}" must be an event type name such as "invoice.paid" (letters, digits, _ and -, separated by ".", ":" or "/").`,
    );
  }
  return value;
}

export function validateEventId(value: unknown): string {
  // Standard Webhooks signs `id.timestamp.body`: a "." in the id would make that ambiguous.
  if (typeof value !== 'string' || !EVENT_ID.test(value)) {
    throw invalid('id', '"id" must be 1 to 128 characters of letters, digits, "_", "-" or ":".');
  }
  return value;
}
