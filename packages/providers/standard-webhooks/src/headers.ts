import { getHeader, type WebhookRequest } from '@hookwire/core';

/** `webhook` is the spec's header prefix; Svix (and so Clerk, Resend) sends the same values as `svix-*`. */
export type StandardHeaderPrefix = 'webhook' | 'svix';

export interface StandardHeaders {
  prefix: StandardHeaderPrefix;
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

const NAMES = {
  webhook: { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' },
  svix: { id: 'svix-id', timestamp: 'svix-timestamp', signature: 'svix-signature' },
} as const;

// The names above are already lower case, as request headers are: read them directly, and leave
// repeated headers (arrays) to `getHeader`, which rejects them.
function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' || value === undefined ? value : getHeader(request, name);
}

/**
 * Reads the three headers as one family: the first prefix in `prefixes` of which any header is
 * present. Families are never mixed, so an error names headers the sender really uses.
 */
export function readStandardHeaders(
  request: WebhookRequest,
  prefixes: readonly StandardHeaderPrefix[],
): StandardHeaders {
  for (const prefix of prefixes) {
    const names = NAMES[prefix];
    const id = header(request, names.id);
    const timestamp = header(request, names.timestamp);
    const signature = header(request, names.signature);
    if (id !== undefined || timestamp !== undefined || signature !== undefined) {
      return { prefix, id, timestamp, signature };
    }
  }
  return { prefix: prefixes[0]!, id: undefined, timestamp: undefined, signature: undefined };
}
