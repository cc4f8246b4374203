import {
  type EventHandler,
  type EventMap,
  jsonResponse,
  type RequestHandler,
  type WebhookEvent,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { errorText, HandlerRegistry, toWebhookEvent } from './handlers.js';
import { copyRequest, toRecords } from './ingest.js';
import { type InboxOptions, type ResolvedInboxOptions, resolveInboxOptions } from './options.js';
import { Processor } from './processor.js';
import type {
  InboxAttempt,
  InboxEvent,
  InboxPage,
  InboxQuery,
  PurgeSelector,
  RequeueResult,
} from './types.js';

export interface InboxEventDetail {
  event: InboxEvent;
  attempts: InboxAttempt[];
}

export interface ReplayResult {
  ok: boolean;
  /** The handler failure, when one failed. */
  error?: string | undefined;
  attempt: InboxAttempt;
}

const UNAVAILABLE = jsonResponse(
  503,
  {
    error: {
      code: 'store_unavailable',
      message: 'The webhook could not be stored; nothing was kept. Send it again later.',
    },
  },
  { 'retry-after': '5' },
);

/**
 * A durable inbox in front of a receiver or a hub: `handle(request)` verifies, stores and only
 * then acknowledges; workers (`start()`) run the handlers registered with `on` / `onAny`, with
 * retries, leases and dead-lettering. Mount it with any adapter, exactly like a receiver or a hub.
 */
export class Inbox<TEvents extends EventMap = EventMap> implements RequestHandler {
  readonly #options: ResolvedInboxOptions;
  readonly #handlers = new HandlerRegistry();
  readonly #processor: Processor;
  /** The events the receiver verified, per request in flight through `handle`. */
  readonly #captured = new WeakMap<WebhookRequest, WebhookEvent[]>();

  constructor(options: InboxOptions<TEvents>) {
    this.#options = resolveInboxOptions(options);
    this.#processor = new Processor({ ...this.#options, handlers: this.#handlers });
    // The receiver runs its own pipeline (handshakes, verification, parsing, its dedupe, its
    // provider-specific acknowledgement); this one handler collects what it verified, so the
    // inbox stores exactly those events and answers with exactly the receiver's response.
    this.#options.target.onAny((event: WebhookEvent) => {
      const captured = this.#captured.get(event.request);
      // Receivers derived from one another share handlers: the same event may come twice.
      if (captured && !captured.includes(event)) captured.push(event);
    });
  }

  /** The store, e.g. to close it on shutdown. */
  get store() {
    return this.#options.store;
  }

  /** Verifies the request, stores its events durably, then answers as the receiver would. */
  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    const stored = copyRequest(request);
    // Our own request object: the key that ties captured events to this call.
    const own: WebhookRequest = stored;
    const captured: WebhookEvent[] = [];
    this.#captured.set(own, captured);
    let response: WebhookResponse;
    try {
      response = await this.#options.target.handle(own);
    } finally {
      this.#captured.delete(own);
    }
    // Handshakes, rejections and duplicates the receiver dropped: answered, nothing stored.
    if (captured.length === 0 || response.status < 200 || response.status >= 300) return response;
    const records = toRecords(captured, stored, this.#options.now(), this.#options.key);
    try {
      await this.#options.store.insert(records);
    } catch (error) {
      this.#options.logger.error('inbox: storing a verified webhook failed; answered 503', error);
      return UNAVAILABLE;
    }
    if (this.#processor.started) this.#processor.wake();
    return response;
  }

  /** Registers a handler for an event name, a list of names, `*` or a `prefix.*` wildcard. */
  on<TName extends keyof TEvents & string>(
    name: TName | TName[],
    handler: EventHandler<TEvents[TName], TName>,
  ): this;
  on(name: string | string[], handler: EventHandler<unknown>): this;
  on(name: string | string[], handler: EventHandler<any>): this {
    for (const filter of Array.isArray(name) ? name : [name]) this.#handlers.add(filter, handler);
    return this;
  }

  /** Registers a handler for every event. */
  onAny(handler: EventHandler<unknown>): this {
    return this.on('*', handler);
  }

  /** Starts the workers of this process. */
  start(): this {
    this.#processor.start();
    return this;
  }

  /** Stops taking events and waits for those in flight. */
  stop(): Promise<void> {
    return this.#processor.stop();
  }

  /** Processes what is due now until nothing is left (for tests, scripts and one-off workers). */
  drain(): Promise<void> {
    return this.#processor.drain();
  }

  list(query: InboxQuery = {}): Promise<InboxPage> {
    return this.#options.store.list(query);
  }

  /** One event with its attempts, or `undefined`. */
  async get(id: string): Promise<InboxEventDetail | undefined> {
    const event = await this.#options.store.get(id);
    if (!event) return undefined;
    return { event, attempts: await this.#options.store.attempts(id) };
  }

  /** Makes a dead (or waiting) event due now; a processed one is replayed instead. */
  async retry(id: string): Promise<RequeueResult> {
    const result = await this.#options.store.requeue(id, this.#options.now());
    if (result === 'requeued' && this.#processor.started) this.#processor.wake();
    return result;
  }

  /** Makes every event that went dead at or after `since` (ms) due now; returns how many. */
  async retryDead(since: number): Promise<number> {
    const count = await this.#options.store.requeueDead(since, this.#options.now());
    if (count > 0 && this.#processor.started) this.#processor.wake();
    return count;
  }

  /**
   * Runs the current handlers on a stored event now, whatever its status, and records the run as
   * a `replay` attempt; a dead event that replays cleanly becomes processed. `undefined`: no such event.
   */
  async replay(id: string): Promise<ReplayResult | undefined> {
    const { store, now } = this.#options;
    const event = await store.get(id);
    if (!event) return undefined;
    const startedAt = now();
    const started = performance.now();
    let error: string | undefined;
    try {
      error = await this.#handlers.run(toWebhookEvent(event));
    } catch (thrown) {
      error = errorText(thrown);
    }
    const attempt: InboxAttempt = {
      eventId: id,
      attempt: event.attempts,
      kind: 'replay',
      startedAt,
      durationMs: performance.now() - started,
      error,
    };
    await store.recordReplay(attempt, error === undefined, now());
    return { ok: error === undefined, error, attempt };
  }

  /** Deletes the matching events (all of them when the selector is empty); returns how many. */
  purge(selector: PurgeSelector = {}): Promise<number> {
    return this.#options.store.purge(selector);
  }

  /** Applies the retention now (it also runs on its interval while started); returns how many. */
  prune(): Promise<number> {
    return this.#processor.prune();
  }
}

/** A durable inbox for a receiver or a hub: `createInbox({ hub, store }).on(…).start()`. */
export function createInbox<TEvents extends EventMap = EventMap>(
  options: InboxOptions<TEvents>,
): Inbox<TEvents> {
  return new Inbox<TEvents>(options);
}
