import type { RequestHandler } from '@hookwire/core';
import { type PortalTokens, withPortalTokens } from '@hookwire/dashboard';
import { bearerAuth, createManagementApi, type Sender } from '@hookwire/sender';
import { oneLine } from './log.js';

export const PRIVATE_NETWORK_HINT =
  'To let webhooks reach loopback and private addresses in local development (never in production), start the server with HOOKWIRE_ALLOW_PRIVATE_NETWORK=true.';

/**
 * The management API: tenant bearer tokens each act for one tenant; the operator token (when set)
 * acts as the tenant `operator` and across every tenant. Portal tokens (from portal links) act as
 * their tenant, without publishing.
 */
export function createManagement(
  sender: Sender,
  tokens: ReadonlyMap<string, string>,
  operatorToken: string | undefined,
  log: (line: string) => void,
  portalTokens?: PortalTokens,
): RequestHandler {
  const authenticate = bearerAuth(tokens, operatorToken !== undefined ? { operatorToken } : {});
  return createManagementApi({
    sender,
    allowPublish: true,
    authenticate: portalTokens ? withPortalTokens(authenticate, portalTokens) : authenticate,
    privateNetworkHint: PRIVATE_NETWORK_HINT,
    onError: (error) => log(`management API answered 500: ${oneLine(error)}`),
  });
}
