import { getHeader, timingSafeEqual, WebhookConfigError, type WebhookRequest } from '@hookwire/core';
import type { ApiCaller } from './handler.js';

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

/** The tenant the operator acts as when it creates something without naming a tenant. */
export const OPERATOR_TENANT = 'operator';

export interface BearerAuthOptions {
  /**
   * The operator's token: it acts as the tenant `operator` and across every tenant (see
   * `ApiCaller`). No tenant token may map to the tenant `operator`.
   */
  operatorToken?: string;
}

/**
 * An `authenticate` hook for bearer tokens: `Authorization: Bearer <token>` selects the tenant, or
 * the operator. Every known token is compared in constant time.
 */
export function bearerAuth(
  tokens: ReadonlyMap<string, string> | Record<string, string>,
  options: BearerAuthOptions = {},
) {
  const entries = [...(tokens instanceof Map ? tokens : new Map(Object.entries(tokens)))];
  const { operatorToken } = options;
  if (operatorToken !== undefined) {
    if (operatorToken.length === 0) throw new WebhookConfigError('bearerAuth: operatorToken is empty.');
    if (entries.some(([token]) => token === operatorToken))
      throw new WebhookConfigError('bearerAuth: the operator token is also a tenant token; give it its own.');
    if (entries.some(([, tenant]) => tenant === OPERATOR_TENANT))
      throw new WebhookConfigError(
        `bearerAuth: the tenant name "${OPERATOR_TENANT}" is the operator's; give that tenant another name.`,
      );
  }
  return (request: WebhookRequest): string | ApiCaller | undefined => {
    const header = getHeader(request, 'authorization');
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return undefined;
    let caller: string | ApiCaller | undefined;
    for (const [token, owner] of entries)
      if (timingSafeEqual(token, match[1]!) && caller === undefined) caller = owner;
    if (operatorToken !== undefined && timingSafeEqual(operatorToken, match[1]!) && caller === undefined)
      caller = { tenant: OPERATOR_TENANT, operator: true };
    return caller;
  };
}
