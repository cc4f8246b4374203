import {
  isRecord,
  jsonResponse,
  type RequestHandler,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { invalid, isSenderError, SenderError } from '../errors.js';
import type { Sender } from '../sender.js';
import type { Delivery, DeliveryStatus, Subscription } from '../types.js';
import { rejectUnknownFields } from '../validation.js';
import { attemptView, deliveryView, subscriptionView } from './views.js';

/**
 * Who is calling. A tenant sees only its own resources. The operator (`operator: true`) acts as
 * `tenant` when it creates, and across every tenant otherwise: its lists return every tenant's
 * resources, each with its `tenant`, `?tenant=` narrows them, and its create routes
 * (`POST /subscriptions`, `POST /events`) take an optional `tenant` in the body.
 */
export interface ApiCaller {
  tenant: string;
  operator?: boolean;
}

export interface ManagementApiOptions {
  sender: Sender;
  /**
   * Who is calling: the caller's tenant (a string), an `ApiCaller`, or `undefined` (or throw) to
   * answer 401. Every route is scoped to the tenant; another tenant's resources answer 404.
   */
  authenticate(
    request: WebhookRequest,
  ): string | ApiCaller | undefined | Promise<string | ApiCaller | undefined>;
  /** Serve `POST /events` (publish as the caller's tenant). Off by default. */
  allowPublish?: boolean;
  /** The mount path (`/api`); by default routes are found from the first known segment. */
  basePath?: string;
  /** Largest accepted request body (default 1 MiB). */
  maxBodyBytes?: number;
  /** Unexpected errors (answered 500) are reported here. */
  onError?(error: unknown): void;
  /**
   * A sentence added to the answer when a URL is refused for pointing at a loopback or private
   * address, e.g. how this deployment allows such addresses in local development.
   */
  privateNetworkHint?: string;
}

interface RouteContext {
  request: WebhookRequest;
  /** The caller's own tenant (the operator's is where its creations go by default). */
  tenant: string;
  operator: boolean;
  params: string[];
  query: URLSearchParams;
  body(): unknown;
}

type Route = {
  method: string;
  path: string[];
  run(context: RouteContext): Promise<WebhookResponse>;
};

const ROOTS = new Set(['event-types', 'subscriptions', 'deliveries', 'events']);
const STATUSES = new Set<DeliveryStatus>(['pending', 'succeeded', 'failed']);

function errorResponse(error: SenderError, privateNetworkHint: string | undefined): WebhookResponse {
  const hint =
    privateNetworkHint && error.code === 'blocked_address' && !/does not resolve/.test(error.message)
      ? ` ${privateNetworkHint}`
      : '';
  return jsonResponse(error.status, {
    error: {
      code: error.code,
      message: `${error.message}${hint}`,
      // An empty name is still the name: `{ "": 1 }` is refused with `field: ""`.
      ...(error.field !== undefined ? { field: error.field } : {}),
    },
  });
}

function tenantName(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 200 ||
    /[\u0000-\u001f\u007f]/.test(value)
  ) {
    throw invalid('tenant', '"tenant" must be a tenant name: 1 to 200 characters, no control characters.');
  }
  return value;
}

/** The tenant an operator's list is narrowed to (`?tenant=`), or `undefined` for every tenant. */
function listTenant(context: RouteContext): string | undefined {
  if (!context.operator) return context.tenant;
  const named = context.query.get('tenant');
  return named === null ? undefined : tenantName(named);
}

/** Scope of a route on one resource: the caller's tenant, or every tenant for the operator. */
function scopeOf(context: RouteContext): { tenant?: string } {
  return context.operator ? {} : { tenant: context.tenant };
}

/** Removes the operator's `tenant` from a create body; a tenant's `tenant` is left to be refused. */
function createTenant(context: RouteContext, input: unknown): { tenant: string; input: unknown } {
  if (!context.operator || !isRecord(input) || !('tenant' in input)) return { tenant: context.tenant, input };
  const { tenant, ...rest } = input;
  return { tenant: tenantName(tenant), input: rest };
}

/** Same query check as `checkQuery`, with `?tenant=` allowed to the operator. */
function queryKeys(context: RouteContext, allowed: string[] = []): string[] {
  return context.operator ? [...allowed, 'tenant'] : allowed;
}

function showSubscription(context: RouteContext, subscription: Subscription) {
  const view = subscriptionView(subscription);
  return context.operator ? withTenant(view, subscription.tenant) : view;
}

function showDelivery(context: RouteContext, delivery: Delivery) {
  const view = deliveryView(delivery);
  return context.operator ? withTenant(view, delivery.tenant) : view;
}

function withTenant<T extends { id: string }>(view: T, tenant: string) {
  const { id, ...rest } = view;
  return { id, tenant, ...rest };
}

function checkQuery(query: URLSearchParams, allowed: string[]): void {
  for (const key of query.keys()) {
    if (key === '') throw invalid('query', 'A query parameter has no name ("?=value"); remove it.');
    if (!allowed.includes(key)) {
      throw invalid(
        key,
        `Unknown query parameter "${key}".${allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ''}`,
      );
    }
  }
}

function pageQuery(query: URLSearchParams, extra: string[] = []): { limit: number; cursor?: string } {
  checkQuery(query, ['limit', 'cursor', ...extra]);
  const limitText = query.get('limit');
  let limit = 50;
  if (limitText !== null) {
    limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 1000)
      throw invalid('limit', '"limit" must be an integer from 1 to 1000.');
  }
  const cursor = query.get('cursor');
  if (cursor !== null && !/^[a-z]+_[0-9A-Z]{26}$/.test(cursor)) {
    throw invalid('cursor', '"cursor" must be the nextCursor value of a previous page.');
  }
  return { limit, ...(cursor !== null ? { cursor } : {}) };
}

function parseSince(value: unknown): number {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value)
        ? Date.parse(value)
        : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw invalid(
      'since',
      '"since" must be an ISO 8601 time (e.g. "2025-01-31T00:00:00Z") or milliseconds since the epoch.',
    );
  }
  return ms;
}

function noBody(body: unknown): void {
  if (body !== undefined && !(isRecord(body) && Object.keys(body).length === 0)) {
    throw invalid('body', 'This route takes no body.');
  }
}

function routes(options: ManagementApiOptions): Route[] {
  const { sender } = options;
  const list: Route[] = [
    {
      method: 'GET',
      path: ['event-types'],
      async run({ query }) {
        checkQuery(query, []);
        return jsonResponse(200, { items: await sender.listEventTypes() });
      },
    },
    {
      method: 'GET',
      path: ['subscriptions'],
      async run(context) {
        const page = pageQuery(context.query, queryKeys(context));
        const tenant = listTenant(context);
        const result = await sender.listSubscriptions({
          ...page,
          ...(tenant !== undefined ? { tenant } : {}),
        });
        return jsonResponse(200, {
          items: result.items.map((s) => showSubscription(context, s)),
          nextCursor: result.nextCursor ?? null,
        });
      },
    },
    {
      method: 'POST',
      path: ['subscriptions'],
      async run(context) {
        checkQuery(context.query, []);
        const { tenant, input } = createTenant(context, context.body());
        const subscription = await sender.createSubscription(input as never, { tenant });
        // The only response that carries the secret unasked: the subscriber needs it to verify.
        return jsonResponse(201, {
          ...showSubscription(context, subscription),
          secret: subscription.secrets[0]!.secret,
        });
      },
    },
    {
      method: 'GET',
      path: ['subscriptions', ':id'],
      async run(context) {
        checkQuery(context.query, []);
        const subscription = await sender.getSubscription(context.params[0]!, scopeOf(context));
        return jsonResponse(200, showSubscription(context, subscription));
      },
    },
    {
      method: 'PATCH',
      path: ['subscriptions', ':id'],
      async run(context) {
        checkQuery(context.query, []);
        const id = context.params[0]!;
        await sender.getSubscription(id, scopeOf(context));
        const updated = await sender.updateSubscription(id, context.body() as never, scopeOf(context));
        return jsonResponse(200, showSubscription(context, updated));
      },
    },
    {
      method: 'DELETE',
      path: ['subscriptions', ':id'],
      async run(context) {
        checkQuery(context.query, []);
        await sender.deleteSubscription(context.params[0]!, scopeOf(context));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: ['subscriptions', ':id', 'secret'],
      async run(context) {
        checkQuery(context.query, []);
        const subscription = await sender.getSubscription(context.params[0]!, scopeOf(context));
        return jsonResponse(
          200,
          {
            secret: subscription.secrets[0]!.secret,
            previous: subscription.secrets.slice(1).map((s) => ({
              secret: s.secret,
              expiresAt: s.expiresAt === undefined ? null : new Date(s.expiresAt).toISOString(),
            })),
          },
          { 'cache-control': 'no-store' },
        );
      },
    },
    {
      method: 'POST',
      path: ['subscriptions', ':id', 'rotate-secret'],
      async run(context) {
        checkQuery(context.query, []);
        const id = context.params[0]!;
        await sender.getSubscription(id, scopeOf(context));
        const input = objectOrEmpty(context.body());
        rejectUnknownFields(input, new Set(['secret', 'graceSeconds']));
        const graceSeconds = input.graceSeconds;
        if (
          graceSeconds !== undefined &&
          (typeof graceSeconds !== 'number' || !(graceSeconds >= 0) || graceSeconds > 30 * 86400)
        ) {
          throw invalid(
            'graceSeconds',
            '"graceSeconds" must be a number of seconds from 0 to 2592000 (30 days).',
          );
        }
        const updated = await sender.rotateSecret(id, {
          ...scopeOf(context),
          ...(input.secret !== undefined ? { secret: input.secret as string } : {}),
          ...(graceSeconds !== undefined ? { graceMs: (graceSeconds as number) * 1000 } : {}),
        });
        const previous = updated.secrets[1];
        return jsonResponse(
          200,
          {
            id: updated.id,
            secret: updated.secrets[0]!.secret,
            previousExpiresAt:
              previous?.expiresAt === undefined ? null : new Date(previous.expiresAt).toISOString(),
          },
          { 'cache-control': 'no-store' },
        );
      },
    },
    {
      method: 'GET',
      path: ['subscriptions', ':id', 'deliveries'],
      async run(context) {
        const { query } = context;
        const page = pageQuery(query, queryKeys(context, ['status']));
        const status = query.get('status');
        if (status !== null && !STATUSES.has(status as DeliveryStatus)) {
          throw invalid('status', '"status" must be pending, succeeded or failed.');
        }
        const tenant = listTenant(context);
        const result = await sender.listDeliveries(context.params[0]!, {
          ...page,
          ...(tenant !== undefined ? { tenant } : {}),
          ...(status !== null ? { status: status as DeliveryStatus } : {}),
        });
        return jsonResponse(200, {
          items: result.items.map((d) => showDelivery(context, d)),
          nextCursor: result.nextCursor ?? null,
        });
      },
    },
    {
      method: 'POST',
      path: ['subscriptions', ':id', 'recover'],
      async run(context) {
        checkQuery(context.query, []);
        const id = context.params[0]!;
        await sender.getSubscription(id, scopeOf(context));
        const input = context.body();
        if (!isRecord(input))
          throw invalid('body', 'The body must be a JSON object: { "since": "<ISO time>" }.');
        rejectUnknownFields(input, new Set(['since']));
        if (input.since === undefined) throw invalid('since', '"since" is required.');
        const recovered = await sender.recoverFailedDeliveries(id, parseSince(input.since), scopeOf(context));
        return jsonResponse(202, { recovered });
      },
    },
    {
      method: 'GET',
      path: ['deliveries', ':id'],
      async run(context) {
        checkQuery(context.query, []);
        const delivery = await sender.getDelivery(context.params[0]!, scopeOf(context));
        const attempts = await sender.listAttempts(delivery.id, scopeOf(context));
        return jsonResponse(200, {
          ...showDelivery(context, delivery),
          attempts: attempts.map(attemptView),
        });
      },
    },
    {
      method: 'POST',
      path: ['deliveries', ':id', 'retry'],
      async run(context) {
        checkQuery(context.query, []);
        const id = context.params[0]!;
        await sender.getDelivery(id, scopeOf(context));
        noBody(context.body());
        return jsonResponse(202, showDelivery(context, await sender.retryDelivery(id, scopeOf(context))));
      },
    },
  ];
  if (options.allowPublish) {
    list.push(
      {
        method: 'POST',
        path: ['events'],
        async run(context) {
          checkQuery(context.query, []);
          const { tenant, input } = createTenant(context, context.body());
          if (!isRecord(input))
            throw invalid('body', 'The body must be a JSON object: { "type", "data", "id"? }.');
          rejectUnknownFields(input, new Set(['type', 'data', 'id']));
          if (input.type === undefined) throw invalid('type', '"type" is required, e.g. "invoice.paid".');
          const result = await sender.publish({
            type: input.type as string,
            data: input.data,
            tenant,
            ...(input.id !== undefined ? { id: input.id as string } : {}),
          });
          return jsonResponse(202, { id: result.id, deliveries: result.deliveries, created: result.created });
        },
      },
      {
        method: 'POST',
        path: ['events', ':id', 'redeliver'],
        async run(context) {
          checkQuery(context.query, []);
          const input = objectOrEmpty(context.body());
          rejectUnknownFields(input, new Set(['subscriptionId']));
          if (input.subscriptionId !== undefined && typeof input.subscriptionId !== 'string') {
            throw invalid('subscriptionId', '"subscriptionId" must be a subscription id.');
          }
          const redelivered = await sender.redeliverEvent(context.params[0]!, {
            ...scopeOf(context),
            ...(input.subscriptionId !== undefined ? { subscriptionId: input.subscriptionId as string } : {}),
          });
          return jsonResponse(202, { redelivered });
        },
      },
    );
  }
  return list;
}

/** An optional object body: absent is `{}`; anything but an object (JSON `null` included) is refused. */
function objectOrEmpty(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (!isRecord(body)) throw invalid('body', 'The body must be a JSON object (or empty).');
  return body;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The path segments after the mount point, or `undefined` when the path is not the API's. */
function routeSegments(url: string, basePath: string | undefined): string[] | undefined {
  const pathname = new URL(url, 'http://localhost').pathname;
  let segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (basePath !== undefined) {
    const base = basePath.split('/').filter(Boolean);
    if (base.some((part, i) => segments[i] !== part)) return undefined;
    segments = segments.slice(base.length);
  } else {
    const start = segments.findIndex((segment) => ROOTS.has(segment));
    if (start === -1) return undefined;
    segments = segments.slice(start);
  }
  return segments;
}

function matchRoute(list: Route[], segments: string[]): { routes: Route[]; params: string[] } {
  const matching: Route[] = [];
  let params: string[] = [];
  for (const route of list) {
    if (route.path.length !== segments.length) continue;
    const found: string[] = [];
    const fits = route.path.every((part, i) => {
      if (!part.startsWith(':')) return part === segments[i];
      found.push(segments[i]!);
      return true;
    });
    if (fits) {
      matching.push(route);
      params = found;
    }
  }
  return { routes: matching, params };
}

/**
 * The sender's management REST API as one framework-agnostic handler: mount it with any Hookwire
 * adapter (`expressWebhooks(api)` at `/api`, `fetchWebhooks(api)`, …) or call `handle` directly.
 */
export class ManagementApi implements RequestHandler {
  private readonly routes: Route[];

  constructor(private readonly options: ManagementApiOptions) {
    if (!options?.sender || typeof options.authenticate !== 'function') {
      throw new TypeError('createManagementApi needs { sender, authenticate }.');
    }
    this.routes = routes(options);
  }

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    try {
      return await this.dispatch(request);
    } catch (error) {
      if (isSenderError(error)) return errorResponse(error, this.options.privateNetworkHint);
      this.options.onError?.(error);
      return jsonResponse(500, {
        error: { code: 'internal_error', message: 'The request could not be completed.' },
      });
    }
  }

  private async dispatch(request: WebhookRequest): Promise<WebhookResponse> {
    let caller: ApiCaller | undefined;
    try {
      caller = callerOf(await this.options.authenticate(request));
    } catch {
      caller = undefined;
    }
    if (!caller) {
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
    let segments: string[] | undefined;
    try {
      segments = routeSegments(request.url, this.options.basePath);
    } catch {
      segments = undefined;
    }
    const { routes: matching, params } = segments
      ? matchRoute(this.routes, segments)
      : { routes: [], params: [] };
    if (matching.length === 0) throw new SenderError('not_found', 'No such route.');
    const route = matching.find((r) => r.method === request.method);
    if (!route) {
      const allow = matching.map((r) => r.method).join(', ');
      return jsonResponse(
        405,
        { error: { code: 'method_not_allowed', message: `Use ${allow} on this route.` } },
        { allow },
      );
    }
    const maxBody = this.options.maxBodyBytes ?? 1024 * 1024;
    if (request.body.byteLength > maxBody) {
      return jsonResponse(413, {
        error: { code: 'body_too_large', message: `The body exceeds ${maxBody} bytes.` },
      });
    }
    const query = new URL(request.url, 'http://localhost').searchParams;
    let parsed: { value: unknown } | undefined;
    const body = () => {
      if (parsed) return parsed.value;
      if (request.body.byteLength === 0) {
        parsed = { value: undefined };
        return undefined;
      }
      try {
        parsed = { value: JSON.parse(decoder.decode(request.body)) };
      } catch {
        throw invalid('body', 'The body is not valid JSON.');
      }
      return parsed.value;
    };
    return route.run({
      request,
      tenant: caller.tenant,
      operator: caller.operator === true,
      params,
      query,
      body,
    });
  }
}

function callerOf(result: string | ApiCaller | undefined): ApiCaller | undefined {
  if (typeof result === 'string') return result.length > 0 ? { tenant: result } : undefined;
  if (isRecord(result) && typeof result.tenant === 'string' && result.tenant.length > 0) {
    return { tenant: result.tenant, operator: result.operator === true };
  }
  return undefined;
}

export function createManagementApi(options: ManagementApiOptions): ManagementApi {
  return new ManagementApi(options);
}
