import { AsyncLocalStorage } from 'node:async_hooks';
import {
  isWebhookError,
  jsonResponse,
  type RequestHandler,
  type WebhookHub,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import type { InboxLogger } from '@hookwire/inbox';
import { oneLine } from './log.js';
import { eventTypeOf, UnpublishableEventError } from './republish.js';

/** What went wrong while one request was in flight (hub errors, failed inbox writes). */
interface RequestTrace {
  open: boolean;
  causes: unknown[];
}

export interface ServedWebhooks {
  /** Mount this at /webhooks: the inbox, with the answers and the log lines below. */
  wrap(inbox: RequestHandler): RequestHandler;
  /** The inbox's logger: a failed write is told with its request's 5xx, everything else on its own line. */
  logger: InboxLogger;
}

/**
 * The hub as the server serves it, behind the inbox: a webhook whose name cannot become an event
 * type is answered 400 with the reason before anything is stored (the provider would retry a 500
 * forever, and the event could never be republished), and every 5xx is logged once, on one line,
 * with its cause. Verification failures (4xx) are answered and never logged.
 */
export function servedWebhooks(hub: WebhookHub, log: (line: string) => void): ServedWebhooks {
  const traces = new AsyncLocalStorage<RequestTrace>();
  const note = (cause: unknown) => {
    const trace = traces.getStore();
    if (!trace?.open) return false;
    trace.causes.push(cause);
    return true;
  };
  hub.onAny((event) => {
    eventTypeOf(event.provider, event.name);
  });
  hub.onError((error) => {
    if (!isWebhookError(error)) note(error);
  });
  const logger: InboxLogger = {
    warn: (message) => log(message),
    error: (message, details) => {
      if (!note(details ?? message)) log(`${message}: ${oneLine(details)}`);
    },
  };
  const wrap = (inbox: RequestHandler): RequestHandler => ({
    async handle(request: WebhookRequest): Promise<WebhookResponse> {
      const trace: RequestTrace = { open: true, causes: [] };
      let response: WebhookResponse;
      try {
        response = await traces.run(trace, () => inbox.handle(request));
      } catch (error) {
        trace.causes.push(error);
        response = jsonResponse(500, {
          error: { code: 'internal_error', message: 'The webhook could not be processed.' },
        });
      } finally {
        trace.open = false;
      }
      const unpublishable = trace.causes.find((cause) => cause instanceof UnpublishableEventError);
      if (unpublishable) {
        return jsonResponse(400, {
          error: { code: 'unpublishable_event', message: (unpublishable as Error).message },
        });
      }
      if (response.status >= 500) {
        const cause = trace.causes[0];
        log(
          `${request.method} ${pathOf(request)} answered ${response.status}: ${oneLine(cause ?? 'no cause reported')}`,
        );
      } else {
        // Background work woken by this request failed meanwhile: not this answer's cause, still told.
        for (const cause of trace.causes) log(`inbox: ${oneLine(cause)}`);
      }
      return response;
    },
  });
  return { wrap, logger };
}

function pathOf(request: WebhookRequest): string {
  const path = new URL(request.url, 'http://localhost').pathname;
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}
