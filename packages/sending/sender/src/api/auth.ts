import { getHeader, timingSafeEqual, WebhookConfigError, type WebhookRequest } from '@hookwire/core';

/**
 * Parses `token=tenant,token2=tenant2` (the demo's `HOOKWIRE_API_TOKENS`) into a map.
 * Throws a WebhookConfigError naming the bad entry's position (never the token).
 */
export function parseApiTokens(text: string): Map<string, string> {
  const tokens = new Map<string, string>();
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const equals = entry.lastIndexOf('=');
      const token = entry.slice(0, equals).trim();
      const tenant = entry.slice(equals + 1).trim();
      if (equals <= 0 || !token || !tenant) {
        throw new WebhookConfigError(`API token entry #${index + 1} must look like token=tenant.`);
      }
      tokens.set(token, tenant);
    });
  if (tokens.size === 0)
    throw new WebhookConfigError('No API tokens given: use token=tenant,token2=tenant2.');
  return tokens;
}

/**
 * An `authenticate` hook for bearer tokens: `Authorization: Bearer <token>` selects the tenant.
 * Every known token is compared in constant time.
 */
export function bearerAuth(tokens: ReadonlyMap<string, string> | Record<string, string>) {
  const entries = [...(tokens instanceof Map ? tokens : new Map(Object.entries(tokens)))];
  return (request: WebhookRequest): string | undefined => {
    const header = getHeader(request, 'authorization');
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return undefined;
    let tenant: string | undefined;
    for (const [token, owner] of entries)
      if (timingSafeEqual(token, match[1]!) && tenant === undefined) tenant = owner;
    return tenant;
  };
}
