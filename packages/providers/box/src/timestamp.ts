import { WebhookError } from '@hookwire/core';

// RFC 3339 with a mandatory offset, as Box writes it (`2020-01-01T00:00:00-07:00`). Date.parse alone
// would also accept forms such as `2020-01-01` that Box never sends.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Parses the `BOX-DELIVERY-TIMESTAMP` header to milliseconds since the epoch. */
export function parseDeliveryTimestamp(text: string, header: string): number {
  const ms = RFC3339.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new WebhookError(
      'malformed_header',
      `The ${header} header must be an RFC 3339 date-time such as 2020-01-01T00:00:00-07:00; got a value that is not.`,
    );
  }
  return ms;
}
