import {
  isRecord,
  jsonResponse,
  type RequestHandler,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { invalid, isSenderError, SenderError } from '../errors.js';
import type { Sender } from '../sender.js';
import type { DeliveryStatus } from '../types.js';
import { rejectUnknownFields } from '../validation.js';
import { attemptView, deliveryView, subscriptionView } from './views.js';

export interface ManagementApiOptions {
  sender: Sender;
  /**
   * Who is calling: return the caller's tenant, or `undefined` (or throw) to answer 401. Every
   * route is scoped to that tenant; another tenant's resources answer 404.
   */
  authenticate(request: WebhookRequest): string | undefined | Promise<string | undefined>;
  /** Serve `POST /events` (publish as the caller's tenant). Off by default. */
  allowPublish?: boolean;
  /** The mount path (`/api`); by default routes are found from the first known segment. */
  basePath?: string;
  /** Largest accepted request body (default 1 MiB). */
  maxBodyBytes?: number;
  /** Unexpected errors (answered 500) are reported here. */
  onError?(error: unknown): void;
}

interface RouteContext {
  request: WebhookRequest;
  tenant: string;
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

function errorResponse(error: SenderError): WebhookResponse {
  return jsonResponse(error.status, {
    error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
  });
}

function checkQuery(query: URLSearchParams, allowed: string[]): void {
  for (const key of query.keys()) {
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
      async run({ query, tenant }) {
        const page = await sender.listSubscriptions({ ...pageQuery(query), tenant });
        return jsonResponse(200, {
          items: page.items.map(subscriptionView),
          nextCursor: page.nextCursor ?? null,
        });
      },
    },
    {
      method: 'POST',
      path: ['subscriptions'],
      async run({ body, tenant, query }) {
        checkQuery(query, []);
        const subscription = await sender.createSubscription(body() as never, { tenant });
        // The only response that carries the secret unasked: the subscriber needs it to verify.
        return jsonResponse(201, {
          ...subscriptionView(subscription),
          secret: subscription.secrets[0]!.secret,
        });
      },
    },
    {
      method: 'GET',
      path: ['subscriptions', ':id'],
      async run({ params, tenant, query }) {
        checkQuery(query, []);
        return jsonResponse(200, subscriptionView(await sender.getSubscription(params[0]!, { tenant })));
      },
    },
    {
      method: 'PATCH',
      path: ['subscriptions', ':id'],
      async run({ params, tenant, body, query }) {
        checkQuery(query, []);
        await sender.getSubscription(params[0]!, { tenant });
        return jsonResponse(
          200,
          subscriptionView(await sender.updateSubscription(params[0]!, body() as never, { tenant })),
        );
      },
    },
    {
      method: 'DELETE',
      path: ['subscriptions', ':id'],
      async run({ params, tenant, query }) {
        checkQuery(query, []);
        await sender.deleteSubscription(params[0]!, { tenant });
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: ['subscriptions', ':id', 'secret'],
      async run({ params, tenant, query }) {
        checkQuery(query, []);
        const subscription = await sender.getSubscription(params[0]!, { tenant });
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
      async run({ params, tenant, body, query }) {
        checkQuery(query, []);
        await sender.getSubscription(params[0]!, { tenant });
        const input = body() ?? {};
        if (!isRecord(input)) throw invalid('body', 'The body must be a JSON object (or empty).');
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
        const updated = await sender.rotateSecret(params[0]!, {
          tenant,
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
      async run({ params, tenant, query }) {
        const page = pageQuery(query, ['status']);
        const status = query.get('status');
        if (status !== null && !STATUSES.has(status as DeliveryStatus)) {
          throw invalid('status', '"status" must be pending, succeeded or failed.');
        }
        const result = await sender.listDeliveries(params[0]!, {
          ...page,
          tenant,
          ...(status !== null ? { status: status as DeliveryStatus } : {}),
        });
        return jsonResponse(200, {
          items: result.items.map(deliveryView),
          nextCursor: result.nextCursor ?? null,
        });
      },
    },
    {
      method: 'POST',
      path: ['subscriptions', ':id', 'recover'],
      async run({ params, tenant, body, query }) {
        checkQuery(query, []);
        await sender.getSubscription(params[0]!, { tenant });
        const input = body();
        if (!isRecord(input))
          throw invalid('body', 'The body must be a JSON object: { "since": "<ISO time>" }.');
        rejectUnknownFields(input, new Set(['since']));
        if (input.since === undefined) throw invalid('since', '"since" is required.');
        const recovered = await sender.recoverFailedDeliveries(params[0]!, parseSince(input.since), {
          tenant,
        });
        return jsonResponse(202, { recovered });
      },
    },
    {
      method: 'GET',
      path: ['deliveries', ':id'],
      async run({ params, tenant, query }) {
        checkQuery(query, []);
        const delivery = await sender.getDelivery(params[0]!, { tenant });
        const attempts = await sender.listAttempts(delivery.id, { tenant });
        return jsonResponse(200, { ...deliveryView(delivery), attempts: attempts.map(attemptView) });
      },
    },
    {
      method: 'POST',
      path: ['deliveries', ':id', 'retry'],
      async run({ params, tenant, body, query }) {
        checkQuery(query, []);
        await sender.getDelivery(params[0]!, { tenant });
        noBody(body());
        return jsonResponse(202, deliveryView(await sender.retryDelivery(params[0]!, { tenant })));
      },
    },
  ];
  if (options.allowPublish) {
    list.push(
      {
        method: 'POST',
        path: ['events'],
        async run({ tenant, body, query }) {
          checkQuery(query, []);
          const input = body();
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
        async run({ params, tenant, body, query }) {
          checkQuery(query, []);
          const input = body() ?? {};
          if (!isRecord(input)) throw invalid('body', 'The body must be a JSON object (or empty).');
          rejectUnknownFields(input, new Set(['subscriptionId']));
          if (input.subscriptionId !== undefined && typeof input.subscriptionId !== 'string') {
            throw invalid('subscriptionId', '"subscriptionId" must be a subscription id.');
          }
          const redelivered = await sender.redeliverEvent(params[0]!, {
            tenant,
            ...(input.subscriptionId !== undefined ? { subscriptionId: input.subscriptionId as string } : {}),
          });
          return jsonResponse(202, { redelivered });
        },
      },
    );
  }
  return list;
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
      if (isSenderError(error)) return errorResponse(error);
      this.options.onError?.(error);
      return jsonResponse(500, {
        error: { code: 'internal_error', message: 'The request could not be completed.' },
      });
    }
  }

  private async dispatch(request: WebhookRequest): Promise<WebhookResponse> {
    let tenant: string | undefined;
    try {
      tenant = await this.options.authenticate(request);
    } catch {
      tenant = undefined;
    }
    if (typeof tenant !== 'string' || tenant.length === 0) {
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
    return route.run({ request, tenant, params, query, body });
  }
}

export function createManagementApi(options: ManagementApiOptions): ManagementApi {
  return new ManagementApi(options);
}
