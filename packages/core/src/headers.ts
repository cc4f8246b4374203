import { WebhookError } from './errors.js';
import type { WebhookRequest } from './types.js';

// Header names come from provider packages as constants ('X-GitHub-Event'): lower-case each once
// rather than on every request. Bounded, in case a caller builds names dynamically.
const lowerCaseNames = new Map<string, string>();

function lowerCaseName(name: string): string {
  let lower = lowerCaseNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerCaseNames.size < 1024) lowerCaseNames.set(name, lower);
  }
  return lower;
}

/**
 * Reads one header. Repeated headers are rejected: a second signature header smuggled in by a
 * proxy must not be able to pick which value we check.
 */
export function getHeader(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[lowerCaseName(name)];
  if (Array.isArray(value)) {
    if (value.length > 1) {
      throw new WebhookError(
        'duplicate_header',
        `The ${name} header was sent ${value.length} times; send it once.`,
      );
    }
    return value[0];
  }
  return value;
}

/** Reads a header the provider always sends; `hint` tells the user what usually causes its absence. */
export function requireHeader(request: WebhookRequest, name: string, hint?: string): string {
  const value = getHeader(request, name);
  if (value === undefined || value === '') {
    throw new WebhookError('missing_header', `The ${name} header is missing.${hint ? ` ${hint}` : ''}`);
  }
  return value;
}

/** The media type of the request without parameters, lower case (`application/json`). */
export function contentType(request: WebhookRequest): string {
  const value = getHeader(request, 'content-type');
  if (value === undefined) return '';
  const semicolon = value.indexOf(';');
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

/** Lower-cases header names; repeated names become arrays. Accepts a plain object or a WHATWG `Headers`. */
export function normalizeHeaders(
  headers: Record<string, string | string[] | undefined> | Iterable<[string, string]>,
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  const entries =
    Symbol.iterator in headers
      ? (headers as Iterable<[string, string]>)
      : Object.entries(headers as Record<string, string | string[] | undefined>);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else
      out[key] = [
        ...(Array.isArray(existing) ? existing : [existing]),
        ...(Array.isArray(value) ? value : [value]),
      ];
  }
  return out;
}
