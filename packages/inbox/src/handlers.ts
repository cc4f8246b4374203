import { type EventHandler, matchesEventFilter, WebhookConfigError, type WebhookEvent } from '@hookwire/core';
import type { InboxEvent } from './types.js';

/** Handlers registered with `on` / `onAny`, the receiver's own API. */
export class HandlerRegistry {
  readonly #handlers: { filter: string; handler: EventHandler<any> }[] = [];

  add(filter: string, handler: EventHandler<any>): void {
    if (typeof handler !== 'function') {
      throw new WebhookConfigError(`inbox.on("${filter}", handler): the handler must be a function.`);
    }
    this.#handlers.push({ filter, handler });
  }

  /**
   * Runs every handler that matches, together; resolves to the first failure's text, or
   * `undefined` when all succeeded (or none matched).
   */
  async run(event: WebhookEvent): Promise<string | undefined> {
    const matching = this.#handlers.filter(({ filter }) => matchesEventFilter(filter, event.name));
    if (matching.length === 0) return undefined;
    // async wrapper: a handler that throws synchronously fails like one that rejects.
    const outcomes = await Promise.allSettled(matching.map(async ({ handler }) => handler(event)));
    for (const outcome of outcomes) if (outcome.status === 'rejected') return errorText(outcome.reason);
    return undefined;
  }
}

const MAX_ERROR_LENGTH = 2000;

/** What is kept of a handler's failure: its stack (or message), capped. */
export function errorText(error: unknown): string {
  const text =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `Thrown: ${String(error)}`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

/** The event a handler sees: the same shape a receiver passes, rebuilt from the stored record. */
export function toWebhookEvent(event: InboxEvent): WebhookEvent {
  const webhookEvent: WebhookEvent = {
    provider: event.provider,
    name: event.name,
    payload: event.payload,
    meta: { ...event.meta, inboxId: event.id, attempt: event.attempts + 1 },
    request: event.request,
  };
  if (event.deliveryId !== undefined) webhookEvent.id = event.deliveryId;
  return webhookEvent;
}
