/** The management APIs, called with the bearer token the page holds in memory (no cookies). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Subscription {
  id: string;
  tenant?: string;
  url: string;
  events: string[];
  headers: Record<string, string>;
  metadata: Record<string, string>;
  description: string | null;
  filter: Record<string, unknown> | null;
  disabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
  ordered?: boolean;
  rateLimit?: number | null;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface Delivery {
  id: string;
  tenant?: string;
  eventId: string;
  eventType: string;
  subscriptionId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attempt {
  id: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  status: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

export interface EventType {
  name: string;
  description?: string;
  schema?: unknown;
  example?: unknown;
  deprecated?: boolean;
}

export interface WindowStats {
  attempts: number;
  successes: number;
  failures: number;
  latencyMs: { p50: number; p95: number; p99: number } | null;
}

export interface SubscriptionStats {
  lastHour: WindowStats;
  lastDay: WindowStats;
}

export interface InboxItem {
  id: string;
  provider: string;
  name: string;
  deliveryId: string | null;
  status: 'pending' | 'processed' | 'dead';
  receivedAt: string;
  attempts: number;
}

export interface InboxDetail extends InboxItem {
  nextAttemptAt: string | null;
  processedAt: string | null;
  lastError: string | null;
  payload: unknown;
  request: {
    method: string;
    url: string;
    headers: Record<string, string | string[]>;
    body: string;
    bodyEncoding: 'utf8' | 'base64';
  };
  history: { attempt: number; kind: string; startedAt: string; durationMs: number; error: string | null }[];
}

export interface ExampleAttempt {
  eventId: string;
  type: string;
  status: number | null;
  succeeded: boolean;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class Api {
  private routes: Promise<Set<string>> | undefined;

  constructor(
    readonly base: string,
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | undefined)
        ?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'http_error',
        error?.message ?? `The server answered ${response.status}.`,
        error?.field,
      );
    }
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  /**
   * Whether the server has a route (`"POST /subscriptions/{id}/test-filter"`), from its public
   * OpenAPI document; a server without the document has the routes of the original API only.
   */
  async has(route: string): Promise<boolean> {
    this.routes ??= fetch(`${this.base}/openapi.json`, { credentials: 'omit' })
      .then((response) => (response.ok ? response.json() : { paths: {} }))
      .then((document: { paths?: Record<string, Record<string, unknown>> }) => {
        const found = new Set<string>();
        for (const [path, operations] of Object.entries(document.paths ?? {})) {
          for (const method of Object.keys(operations)) found.add(`${method.toUpperCase()} ${path}`);
        }
        return found;
      })
      .catch(() => new Set<string>());
    const routes = await this.routes;
    return routes.has(route) || routes.has(route.replace(/^(\w+) /, `$1 ${this.base}`));
  }
}

export const q = (params: Record<string, string | number | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const enc = encodeURIComponent;
