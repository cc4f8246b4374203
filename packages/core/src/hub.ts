import { WebhookConfigError, WebhookError } from './errors.js';
import type { ErrorHandler, EventHandler, Receiver } from './receiver.js';
import { webhookErrorResponse } from './response.js';
import type { WebhookRequest, WebhookResponse } from './types.js';

type AnyReceiver = Receiver<any, any>;

/**
 * Receivers by route name. A value is one receiver, or receivers by id for ASP.NET-style
 * `/{receiver}/{id}` routes where each id has its own secret (make siblings with `receiver.derive`);
 * the id `default` also serves the route without an id.
 */
export type HubConfig = Record<string, AnyReceiver | Record<string, AnyReceiver>>;

export interface HubRoute {
  receiver: string;
  id?: string | undefined;
}

/** Mounts many receivers under one route: `/webhooks/github`, `/webhooks/stripe/shop-a`. */
export class WebhookHub {
  readonly #routes = new Map<string, AnyReceiver | Map<string, AnyReceiver>>();

  constructor(config: HubConfig) {
    for (const [name, value] of Object.entries(config)) {
      if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) {
        throw new WebhookConfigError(
          `Hub receiver name "${name}" must be letters, digits, "-" or "_" (it is a URL segment).`,
        );
      }
      this.#routes.set(name, isReceiver(value) ? value : new Map(Object.entries(value)));
    }
  }

  /** Route names, e.g. for a start-up log. */
  get names(): string[] {
    return [...this.#routes.keys()];
  }

  /** Every receiver, once each. */
  receivers(): AnyReceiver[] {
    const all = new Set<AnyReceiver>();
    for (const value of this.#routes.values()) {
      if (value instanceof Map) for (const receiver of value.values()) all.add(receiver);
      else all.add(value);
    }
    return [...all];
  }

  /**
   * Finds the route in a URL path: the last segment names a receiver, or the one before it does
   * and the last is the id. Adapters that have route parameters can pass the route directly.
   * A path that is not valid percent-encoding (`%zz`, a lone `%`) matches no route.
   */
  route(pathname: string): HubRoute | undefined {
    let segments: string[];
    try {
      segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return undefined;
    }
    const last = segments.at(-1);
    const beforeLast = segments.at(-2);
    if (last !== undefined && this.#routes.has(last)) return { receiver: last };
    if (beforeLast !== undefined && this.#routes.has(beforeLast)) return { receiver: beforeLast, id: last };
    return undefined;
  }

  /** The receiver for a route, or a 404 `WebhookError`. */
  resolve(route: HubRoute): AnyReceiver {
    const entry = this.#routes.get(route.receiver);
    if (entry && !(entry instanceof Map)) {
      if (route.id === undefined) return entry;
    } else if (entry) {
      const receiver = entry.get(route.id ?? 'default');
      if (receiver) return receiver;
    }
    throw new WebhookError(
      'unknown_receiver',
      `No webhook receiver is configured for /${route.receiver}${route.id === undefined ? '' : `/${route.id}`}. Configured: ${this.names.join(', ')}.`,
    );
  }

  /** Routes the request by its URL (or the given route) and lets that receiver handle it. */
  async handle(request: WebhookRequest, route?: HubRoute): Promise<WebhookResponse> {
    try {
      const target = route ?? this.route(pathOf(request));
      if (!target) throw this.#notFound(request);
      return await this.resolve(target).handle(request);
    } catch (error) {
      if (error instanceof WebhookError) return webhookErrorResponse(error);
      throw error;
    }
  }

  /** Registers a handler on every receiver; `event.provider` tells them apart. */
  onAny(handler: EventHandler<unknown>): this {
    for (const receiver of this.#handlerOwners()) receiver.onAny(handler);
    return this;
  }

  onError(handler: ErrorHandler): this {
    for (const receiver of this.#handlerOwners()) receiver.onError(handler);
    return this;
  }

  /** One receiver per handler list: siblings made with `derive` share theirs, so a handler registered on each would run once per sibling. */
  #handlerOwners(): AnyReceiver[] {
    const owners: AnyReceiver[] = [];
    for (const receiver of this.receivers()) {
      if (!owners.some((owner) => owner.sharesHandlersWith(receiver))) owners.push(receiver);
    }
    return owners;
  }

  #notFound(request: WebhookRequest): WebhookError {
    const path = pathOf(request);
    const encoding = validEncoding(path)
      ? ''
      : ' (not valid percent-encoding: each "%" must start a "%XX" escape of UTF-8 bytes)';
    return new WebhookError(
      'unknown_receiver',
      `No webhook receiver matches ${path.slice(0, 200)}${encoding}. Configured: ${this.names.join(', ')}.`,
    );
  }
}

function pathOf(request: WebhookRequest): string {
  return new URL(request.url, 'http://localhost').pathname;
}

function validEncoding(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function isReceiver(value: unknown): value is AnyReceiver {
  return typeof value === 'object' && value !== null && typeof (value as AnyReceiver).handle === 'function';
}

export function createHub(config: HubConfig): WebhookHub {
  return new WebhookHub(config);
}

export function isHub(value: unknown): value is WebhookHub {
  return value instanceof WebhookHub;
}
