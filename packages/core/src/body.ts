import { WebhookError } from './errors.js';
import type { WebhookRequest } from './types.js';

const decoder = new TextDecoder('utf-8', { fatal: false });

export function bodyText(request: WebhookRequest): string {
  return decoder.decode(request.body);
}

/** Parses the body as JSON; a body that is not JSON is a `malformed_body` error. */
export function parseJsonBody<T = unknown>(request: WebhookRequest, provider: string): T {
  const text = bodyText(request);
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new WebhookError(
      'malformed_body',
      `The ${provider} webhook body is not valid JSON${text.length === 0 ? ' (it is empty)' : ''}. Check the webhook's content type setting at ${provider}.`,
      { cause },
    );
  }
}

/** Parses an `application/x-www-form-urlencoded` body into ordered name/value pairs. */
export function parseFormBody(request: WebhookRequest): URLSearchParams {
  return new URLSearchParams(bodyText(request));
}

/** Reads a required JSON field (a string) from a parsed object, as a `malformed_body` error when absent. */
export function requireString(value: unknown, path: string, provider: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new WebhookError('malformed_body', `The ${provider} webhook body has no \`${path}\` string.`);
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
