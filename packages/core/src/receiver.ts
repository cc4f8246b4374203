import { createMemoryDedupeStore, type DedupeStore } from './dedupe.js';
import { isWebhookError, WebhookConfigError, WebhookError } from './errors.js';
import { matchesEventFilter } from './filters.js';
import { collectVerifications } from './pending-verifications.js';
import { errorResponse, isWebhookResponse, webhookErrorResponse } from './response.js';
import { cryptoPath } from './runtime.js';
import type { ReceiveResult, WebhookEvent, WebhookRequest, WebhookResponse } from './types.js';

const OK_BODY = JSON.stringify({ ok: true });

/** Options every receiver takes, beside its provider's own. */
export interface BaseReceiverOptions {
  /** Current time in milliseconds since the epoch (default `Date.now`); tests pin the clock with it. */
  now?: () => number;
  /** Seconds a signed timestamp may be off, where the scheme signs one. */
  tolerance?: number;
  /**
   * Drop a repeated delivery id: `true` for an in-memory LRU, or a shared store. Off by default.
   * An id is remembered only after every handler succeeded, so a failed delivery is still retried.
   */
  dedupe?: boolean | DedupeStore;
  /** How long a delivery id is remembered, in seconds (default 24 h). */
  dedupeTtl?: number;
}

/** A map from event name to payload type; names absent from it still work, typed as `unknown`. */
export type EventMap = Record<string, unknown>;

/** The payloads a `prefix*` wildcard handler can receive: the union of the matching known events. */
export type PrefixPayload<TEvents extends EventMap, TPrefix extends string> = [
  Extract<keyof TEvents, `${TPrefix}${string}`>,
] extends [never]
  ? unknown
  : TEvents[Extract<keyof TEvents, `${TPrefix}${string}`>];

/** What a provider's `parse` step yields for one event. */
export interface ParsedEvent {
  name: string;
  id?: string | undefined;
  payload: unknown;
  meta?: Record<string, unknown>;
}

export type ParseOutcome = ParsedEvent | ParsedEvent[] | { response: WebhookResponse };

/** What provider functions see: the options with defaults applied, prepared state and the clock. */
export interface ProviderContext<TOptions, TState> {
  options: TOptions;
  state: TState;
  provider: string;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Seconds; the user's `tolerance` or the provider's default. */
  tolerance: number;
}

/**
 * A provider is its facts: how to verify, where the event name and id are, which handshakes it
 * answers. `defineProvider` turns them into a receiver factory. `TVerified` is what `verify` read
 * on the way (a parsed envelope…), handed to `parse` so the request is not read twice.
 */
export interface ProviderDefinition<TOptions extends BaseReceiverOptions, TState, TVerified = void> {
  /** Machine name (`github`), used in events and hub routes; default: the title in lower case, words joined by `-`. */
  name?: string;
  /** Display name for messages (`GitHub`). */
  title: string;
  /** Methods that carry events (default `['POST']`). */
  methods?: readonly string[];
  /** Default tolerance in seconds, where a timestamp is signed. */
  tolerance?: number;
  /** Validates options and prepares what verification needs (decoded keys…), once, at construction. */
  setup(options: TOptions): TState;
  /** Answers unsigned handshakes (a GET challenge…) before the method check and verification. */
  handshake?(request: WebhookRequest, ctx: ProviderContext<TOptions, TState>): WebhookResponse | undefined;
  /**
   * Throws a `WebhookError` unless the request is authentic. What it returns (or resolves to) is
   * passed to `parse` as `verified`.
   */
  verify(request: WebhookRequest, ctx: ProviderContext<TOptions, TState>): TVerified | Promise<TVerified>;
  /** Reads the verified request: one or more events, or a response for a signed handshake. */
  parse(
    request: WebhookRequest,
    ctx: ProviderContext<TOptions, TState>,
    verified: TVerified,
  ): ParseOutcome | Promise<ParseOutcome>;
  /** The response once every handler succeeded (default 200 `{"ok":true}`); `replies` are handlers' return values. */
  successResponse?(
    events: WebhookEvent[],
    replies: unknown[],
    ctx: ProviderContext<TOptions, TState>,
  ): WebhookResponse;
  /** The response when a handler failed (default 500 JSON); the provider should retry on it. */
  handlerFailureResponse?(event: WebhookEvent, ctx: ProviderContext<TOptions, TState>): WebhookResponse;
  /** The response for a rejected request (default JSON `{ error: { code, message } }`). */
  errorResponse?(error: WebhookError, ctx: ProviderContext<TOptions, TState>): WebhookResponse;
}

export type EventHandler<TPayload = unknown, TName extends string = string> = (
  event: WebhookEvent<TPayload, TName>,
) => unknown;
export type ErrorHandler = (error: unknown, request: WebhookRequest, event?: WebhookEvent) => void;

interface Registry {
  handlers: { filter: string; handler: EventHandler<any> }[];
  errorHandlers: ErrorHandler[];
}

/** Handles one provider's webhooks: verification, handshakes, handler dispatch and responses. */
export class Receiver<
  TEvents extends EventMap = EventMap,
  TOptions extends BaseReceiverOptions = BaseReceiverOptions,
> {
  readonly provider: string;
  readonly title: string;
  readonly #definition: ProviderDefinition<TOptions, any, any>;
  readonly #ctx: ProviderContext<TOptions, any>;
  readonly #registry: Registry;
  readonly #dedupe: DedupeStore | undefined;
  readonly #dedupeTtlMs: number;
  readonly #methods: readonly string[];

  constructor(definition: ProviderDefinition<TOptions, any, any>, options: TOptions, registry?: Registry) {
    this.provider = definition.name ?? definition.title.toLowerCase().replace(/\s+/g, '-');
    this.title = definition.title;
    this.#definition = definition;
    this.#methods = definition.methods ?? ['POST'];
    const now = options.now ?? Date.now;
    const tolerance = options.tolerance ?? definition.tolerance ?? 300;
    if (!(tolerance > 0))
      throw new WebhookConfigError(
        `${definition.title}: \`tolerance\` must be a positive number of seconds.`,
      );
    this.#ctx = { options, state: definition.setup(options), provider: this.provider, now, tolerance };
    this.#registry = registry ?? { handlers: [], errorHandlers: [] };
    this.#dedupe = options.dedupe === true ? createMemoryDedupeStore({ now }) : options.dedupe || undefined;
    this.#dedupeTtlMs = (options.dedupeTtl ?? 86_400) * 1000;
  }

  /** The options this receiver was built with. */
  get options(): Readonly<TOptions> {
    return this.#ctx.options;
  }

  /**
   * A receiver with other options (another secret, say) that shares this one's handlers: the hub
   * uses it to serve `/webhooks/stripe/{id}` with one secret per id.
   */
  derive(overrides: Partial<TOptions>): Receiver<TEvents, TOptions> {
    return new Receiver(this.#definition, { ...this.#ctx.options, ...overrides }, this.#registry);
  }

  /** True when `other` is this receiver or one derived from the same one: they share handlers. */
  sharesHandlersWith(other: Receiver<any, any>): boolean {
    return other.#registry === this.#registry;
  }

  /** Verifies the request and reads its event(s), or returns the handshake response to send. */
  async receive(request: WebhookRequest): Promise<ReceiveResult<WebhookEvent>> {
    // The hot path of every webhook: provider steps that are synchronous are not awaited (each
    // await costs a turn of the microtask queue), and events are built without intermediates.
    const definition = this.#definition;
    const ctx = this.#ctx;
    if (definition.handshake) {
      const handshake = definition.handshake(request, ctx);
      if (handshake) return { type: 'response', response: handshake };
    }
    if (!this.#methods.includes(request.method)) {
      throw new WebhookError(
        'method_not_allowed',
        `${definition.title} webhooks are sent with ${this.#methods.join(' or ')}; this request used ${request.method}.`,
      );
    }
    let verified: unknown;
    if (cryptoPath === 'node') {
      verified = definition.verify(request, ctx);
    } else {
      const { result, pending } = collectVerifications(() => definition.verify(request, ctx));
      verified = result;
      if (pending.length > 0) await Promise.all(pending);
    }
    if (isThenable(verified)) verified = await verified;
    const parsed = definition.parse(request, ctx, verified);
    const outcome = isThenable(parsed) ? await parsed : parsed;
    if ('response' in outcome) return { type: 'response', response: outcome.response };
    if (!Array.isArray(outcome)) {
      const event = this.#event(outcome, request);
      return { type: 'event', event, events: [event] };
    }
    if (outcome.length === 0) return { type: 'response', response: this.#success([], []) };
    const events = outcome.map((item) => this.#event(item, request));
    return { type: 'event', event: events[0]!, events };
  }

  #event(item: ParsedEvent, request: WebhookRequest): WebhookEvent {
    const event: WebhookEvent = {
      provider: this.provider,
      name: item.name,
      payload: item.payload,
      meta: item.meta ?? {},
      request,
    };
    if (item.id !== undefined) event.id = item.id;
    return event;
  }

  /** Registers a handler for an event name, a list of names, `*` or a `prefix.*` wildcard. */
  on<TName extends keyof TEvents & string>(
    name: TName | TName[],
    handler: EventHandler<TEvents[TName], TName>,
  ): this;
  on(name: string | string[], handler: EventHandler<unknown>): this;
  on(name: string | string[], handler: EventHandler<any>): this {
    for (const filter of Array.isArray(name) ? name : [name])
      this.#registry.handlers.push({ filter, handler });
    return this;
  }

  /** Registers a handler for every event. */
  onAny(handler: EventHandler<unknown>): this {
    return this.on('*', handler);
  }

  /** Called with verification failures and handler errors (for logging; the response is already decided). */
  onError(handler: ErrorHandler): this {
    this.#registry.errorHandlers.push(handler);
    return this;
  }

  /** Receives, runs the matching handlers and maps the outcome to a response for the adapter to send. */
  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    let result: ReceiveResult;
    try {
      result = await this.receive(request);
    } catch (error) {
      this.#reportError(error, request);
      return this.errorResponse(error);
    }
    if (result.type === 'response') return result.response;
    // Duplicates are decided before any handler runs, and ids are remembered only once every
    // handler succeeded: a request whose events share one id is still handled whole, and a failed
    // delivery is not mistaken for a duplicate when the provider retries it.
    const dedupeKeys = new Set<string>();
    const skipped = new Set<string>();
    if (this.#dedupe) {
      for (const event of result.events) {
        if (event.id === undefined) continue;
        const key = `${this.provider}:${event.id}`;
        if (!dedupeKeys.has(key) && (await this.#dedupe.has(key))) skipped.add(key);
        dedupeKeys.add(key);
      }
    }
    const replies: unknown[] = [];
    for (const event of result.events) {
      if (skipped.size > 0 && event.id !== undefined && skipped.has(`${this.provider}:${event.id}`)) continue;
      const matching = this.#registry.handlers.filter(({ filter }) => matchesEventFilter(filter, event.name));
      if (matching.length === 0) continue;
      // async wrapper: a handler that throws synchronously fails like one that rejects.
      const outcomes = await Promise.allSettled(matching.map(async ({ handler }) => handler(event)));
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure) {
        this.#reportError(failure.reason, request, event);
        return (
          this.#definition.handlerFailureResponse?.(event, this.#ctx) ??
          errorResponse(500, 'handler_failed', `A handler for ${event.name} failed; the provider may retry.`)
        );
      }
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled' && outcome.value !== undefined) replies.push(outcome.value);
      }
    }
    if (this.#dedupe) {
      for (const key of dedupeKeys) if (!skipped.has(key)) await this.#dedupe.add(key, this.#dedupeTtlMs);
    }
    return this.#success(result.events, replies);
  }

  /** The response for an error thrown while receiving (a `WebhookError`, or 500 for anything else). */
  errorResponse(error: unknown): WebhookResponse {
    if (!isWebhookError(error)) return webhookErrorResponse(error);
    if (this.#definition.errorResponse) return this.#definition.errorResponse(error, this.#ctx);
    return webhookErrorResponse(
      error,
      error.code === 'method_not_allowed' ? { allow: this.#methods.join(', ') } : undefined,
    );
  }

  #success(events: WebhookEvent[], replies: unknown[]): WebhookResponse {
    if (this.#definition.successResponse) return this.#definition.successResponse(events, replies, this.#ctx);
    const reply = replies.length === 0 ? undefined : replies.find(isWebhookResponse);
    return reply ?? { status: 200, headers: { 'content-type': 'application/json' }, body: OK_BODY };
  }

  #reportError(error: unknown, request: WebhookRequest, event?: WebhookEvent): void {
    for (const handler of this.#registry.errorHandlers) {
      try {
        handler(error, request, event);
      } catch {
        // An error handler that throws must not change the response.
      }
    }
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | undefined)?.then === 'function';
}

/** Turns a provider's facts into its receiver factory, e.g. `export const github = defineProvider({...})`. */
export function defineProvider<
  TOptions extends BaseReceiverOptions,
  TState = undefined,
  TEvents extends EventMap = EventMap,
  TVerified = void,
>(
  definition: ProviderDefinition<TOptions, TState, TVerified>,
): (options: TOptions) => Receiver<TEvents, TOptions> {
  return (options) => new Receiver<TEvents, TOptions>(definition, options ?? ({} as TOptions));
}
