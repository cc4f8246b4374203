import {
  isWebhookError,
  jsonResponse,
  type RequestHandler,
  type WebhookHub,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { oneLine } from './log.js';
import { UnpublishableEventError } from './republish.js';

/**
 * The hub as the server serves it: a webhook the server cannot republish is answered 400 with the
 * reason (the provider would retry a 500 forever), and every other 5xx is logged once, on one line,
 * with its cause. Verification failures (4xx) are answered and never logged.
 */
export function servedHub(hub: WebhookHub, log: (line: string) => void): RequestHandler {
  const causes = new WeakMap<WebhookRequest, unknown>();
  hub.onError((error, request) => {
    if (!isWebhookError(error)) causes.set(request, error);
  });
  return {
    async handle(request: WebhookRequest): Promise<WebhookResponse> {
      let response: WebhookResponse;
      try {
        response = await hub.handle(request);
      } catch (error) {
        causes.set(request, error);
        response = jsonResponse(500, {
          error: { code: 'internal_error', message: 'The webhook could not be processed.' },
        });
      }
      if (response.status < 500) return response;
      const cause = causes.get(request);
      if (cause instanceof UnpublishableEventError) {
        return jsonResponse(400, { error: { code: 'unpublishable_event', message: cause.message } });
      }
      log(
        `${request.method} ${pathOf(request)} answered ${response.status}: ${oneLine(cause ?? 'no cause reported')}`,
      );
      return response;
    },
  };
}

function pathOf(request: WebhookRequest): string {
  const path = new URL(request.url, 'http://localhost').pathname;
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}
