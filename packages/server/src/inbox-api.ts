import { jsonResponse, type RequestHandler, type WebhookRequest, type WebhookResponse } from '@hookwire/core';
import { createInboxApi, type Inbox } from '@hookwire/inbox';
import { bearerAuth } from '@hookwire/sender';
import { oneLine } from './log.js';

/**
 * The inbox's operations at /api/inbox, for the operator token only: no token or an unknown one
 * answers 401 (as the management API does), a tenant's token 403. The inbox has no tenants: what
 * it holds was received for the operator.
 */
export function createOperatorInboxApi(
  inbox: Inbox,
  tokens: ReadonlyMap<string, string>,
  operatorToken: string | undefined,
  log: (line: string) => void,
): RequestHandler {
  const authenticate = bearerAuth(tokens, operatorToken !== undefined ? { operatorToken } : {});
  const api = createInboxApi({
    inbox,
    // Only reached once the caller is known to be the operator (below).
    authenticate: () => true,
    basePath: '/api',
    onError: (error) => log(`inbox API answered 500: ${oneLine(error)}`),
  });
  return {
    async handle(request: WebhookRequest): Promise<WebhookResponse> {
      const caller = authenticate(request);
      if (caller === undefined) {
        return jsonResponse(
          401,
          {
            error: {
              code: 'unauthorized',
              message: 'Missing or unknown API token: send "Authorization: Bearer <token>".',
            },
          },
          { 'www-authenticate': 'Bearer' },
        );
      }
      if (typeof caller === 'string' || caller.operator !== true) {
        return jsonResponse(403, {
          error: {
            code: 'operator_only',
            message:
              operatorToken === undefined
                ? "The inbox routes are the operator's, and this server has none: set HOOKWIRE_OPERATOR_TOKEN."
                : "The inbox routes are the operator's: use the operator token (HOOKWIRE_OPERATOR_TOKEN), not a tenant's.",
          },
        });
      }
      return api.handle(request);
    },
  };
}
