import { WebhookError } from '@hookwire/core';

// RFC 3339 with up to nanosecond fractions, as Twitch writes them (2019-11-16T10:11:12.634234626Z).
const RFC3339 = /^(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an RFC 3339 timestamp; the fraction beyond milliseconds is dropped. */
export function parseRfc3339(text: string, header: string): number {
  const match = RFC3339.exec(text.trim());
  const ms = match
    ? Date.parse(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}${match[3]}`)
    : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new WebhookError('malformed_header', `The ${header} header is not an RFC 3339 timestamp.`);
  }
  return ms;
}
