import {
  jsonResponse,
  type RequestHandler,
  WebhookConfigError,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import type { Inbox } from './inbox.js';
import { isCursor, MAX_PAGE_LIMIT } from './paging.js';
import { INBOX_STATUSES, type InboxQuery, type InboxStatus } from './types.js';
import { attemptView, eventDetailView, eventSummaryView } from './views.js';

export interface InboxApiOptions {
  inbox: Inbox<any>;
  /**
   * Is the caller allowed? Return `true` (or any non-empty string, e.g. who it is); anything else,
   * or a throw, answers 401. The inbox has no tenants: allow operators only.
   */
  authenticate(request: WebhookRequest): boolean | string | undefined | Promise<boolean | string | undefined>;
  /** The mount path (`/api`); by default routes are found from the `inbox` segment. */
  basePath?: string;
  /** Largest accepted request body (default 64 KiB). */
  maxBodyBytes?: number;
  /** Unexpected errors (answered 500) are reported here. */
  onError?(error: unknown): void;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const invalid = (field: string, message: string) => new BadRequest(400, 'invalid_request', message, field);
const notFound = (id: string) =>
  new BadRequest(404, 'not_found', `No inbox event has the id "${id}". List events with GET /inbox/events.`);

interface Context {
  params: string[];
  query: URLSearchParams;
  body(): Record<string, unknown>;
}

type Route = { method: string; path: string[]; run(context: Context): Promise<WebhookResponse> };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The inbox's operations as one framework-agnostic REST handler: mount it with any Hookwire
 * adapter at `/api/inbox` (or anywhere whose path ends in `inbox`) behind `authenticate`.
 *
 * `GET /inbox/events`, `GET /inbox/events/:id`, `POST /inbox/events/:id/retry`,
 * `POST /inbox/events/:id/replay`, `POST /inbox/retry-dead { since }`, `POST /inbox/purge`.
 */
export class InboxApi implements RequestHandler {
  readonly #options: InboxApiOptions;
  readonly #routes: Route[];

  constructor(options: InboxApiOptions) {
    if (!options?.inbox || typeof options.authenticate !== 'function') {
      throw new WebhookConfigError('createInboxApi needs { inbox, authenticate }.');
    }
    this.#options = options;
    this.#routes = routes(options.inbox);
  }

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    try {
      return await this.#dispatch(request);
    } catch (error) {
      if (error instanceof BadRequest) {
        return jsonResponse(error.status, {
          error: {
            code: error.code,
            message: error.message,
            ...(error.field !== undefined ? { field: error.field } : {}),
          },
        });
      }
      this.#options.onError?.(error);
      return jsonResponse(500, {
        error: { code: 'internal_error', message: 'The request could not be completed.' },
      });
    }
  }

  async #dispatch(request: WebhookRequest): Promise<WebhookResponse> {
    let caller: unknown;
    try {
      caller = await this.#options.authenticate(request);
    } catch {
      caller = undefined;
    }
    if (caller !== true && (typeof caller !== 'string' || caller.length === 0)) {
      return jsonResponse(
        401,
        {
          error: {
            code: 'unauthorized',
            message: 'Missing or unknown token: send "Authorization: Bearer <token>".',
          },
        },
        { 'www-authenticate': 'Bearer' },
      );
    }
    const url = new URL(request.url, 'http://localhost');
    const segments = routeSegments(url.pathname, this.#options.basePath);
    const matching = segments ? this.#routes.filter((route) => matches(route.path, segments)) : [];
    if (matching.length === 0) throw new BadRequest(404, 'not_found', 'No such inbox route.');
    const route = matching.find((r) => r.method === request.method);
    if (!route) {
      const allow = matching.map((r) => r.method).join(', ');
      return jsonResponse(
        405,
        { error: { code: 'method_not_allowed', message: `Use ${allow} on this route.` } },
        { allow },
      );
    }
    const maxBody = this.#options.maxBodyBytes ?? 64 * 1024;
    if (request.body.byteLength > maxBody) {
      throw new BadRequest(413, 'body_too_large', `The body exceeds ${maxBody} bytes.`);
    }
    const params = route.path.flatMap((part, i) => (part === ':id' ? [segments![i]!] : []));
    const body = () => parseBody(request.body);
    return route.run({ params, query: url.searchParams, body });
  }
}

function parseBody(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.byteLength === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    throw invalid('body', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('body', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** The path below the mount point, starting at `inbox`; `undefined` when it is not an inbox path. */
function routeSegments(pathname: string, basePath: string | undefined): string[] | undefined {
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (basePath !== undefined) {
    const base = basePath.split('/').filter(Boolean);
    if (base.some((part, i) => segments[i] !== part)) return undefined;
    segments = segments.slice(base.length);
  } else {
    const at = segments.indexOf('inbox');
    if (at === -1) return undefined;
    segments = segments.slice(at);
  }
  return segments;
}

function matches(path: string[], segments: string[]): boolean {
  return path.length === segments.length && path.every((part, i) => part === ':id' || part === segments[i]);
}

/** A time as an ISO 8601 string or milliseconds since the epoch. */
function parseTime(field: string, value: unknown): number {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value !== ''
        ? /^\d+$/.test(value)
          ? Number(value)
          : Date.parse(value)
        : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw invalid(
      field,
      `\`${field}\` must be a time: an ISO 8601 string such as 2026-01-31T12:00:00Z, or milliseconds since the epoch.`,
    );
  }
  return ms;
}

const LIST_PARAMS = ['provider', 'name', 'status', 'since', 'until', 'cursor', 'limit'];

function listQuery(query: URLSearchParams): InboxQuery {
  for (const key of query.keys()) {
    if (!LIST_PARAMS.includes(key))
      throw invalid(key, `Unknown query parameter "${key}". Allowed: ${LIST_PARAMS.join(', ')}.`);
  }
  const text = (name: string) => {
    const value = query.get(name);
    if (value === null) return undefined;
    if (value === '' || value.length > 200) throw invalid(name, `\`${name}\` must be 1 to 200 characters.`);
    return value;
  };
  const status = text('status');
  if (status !== undefined && !INBOX_STATUSES.includes(status as InboxStatus)) {
    throw invalid('status', `\`status\` must be one of ${INBOX_STATUSES.join(', ')}.`);
  }
  const limitText = query.get('limit');
  let limit: number | undefined;
  if (limitText !== null) {
    limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_LIMIT))
      throw invalid('limit', `\`limit\` must be a whole number from 1 to ${MAX_PAGE_LIMIT}.`);
  }
  const cursor = query.get('cursor') ?? undefined;
  if (cursor !== undefined && !isCursor(cursor)) {
    throw invalid('cursor', '`cursor` must be the `nextCursor` of a previous page.');
  }
  const since = query.get('since');
  const until = query.get('until');
  return {
    provider: text('provider'),
    name: text('name'),
    status: status as InboxStatus | undefined,
    since: since === null ? undefined : parseTime('since', since),
    until: until === null ? undefined : parseTime('until', until),
    cursor,
    limit,
  };
}

function routes(inbox: Inbox<any>): Route[] {
  return [
    {
      method: 'GET',
      path: ['inbox', 'events'],
      async run({ query }) {
        const page = await inbox.list(listQuery(query));
        return jsonResponse(200, {
          items: page.items.map(eventSummaryView),
          nextCursor: page.nextCursor ?? null,
        });
      },
    },
    {
      method: 'GET',
      path: ['inbox', 'events', ':id'],
      async run({ params: [id] }) {
        const detail = await inbox.get(id!);
        if (!detail) throw notFound(id!);
        return jsonResponse(200, eventDetailView(detail.event, detail.attempts));
      },
    },
    {
      method: 'POST',
      path: ['inbox', 'events', ':id', 'retry'],
      async run({ params: [id] }) {
        const result = await inbox.retry(id!);
        if (result === 'not_found') throw notFound(id!);
        if (result === 'processed') {
          throw new BadRequest(
            409,
            'already_processed',
            `Event ${id} is already processed; replay it to run the handlers again (POST /inbox/events/${id}/replay).`,
          );
        }
        if (result === 'in_flight') {
          throw new BadRequest(
            409,
            'in_flight',
            `Event ${id} is being processed right now; retry it once that attempt has finished.`,
          );
        }
        const detail = await inbox.get(id!);
        return jsonResponse(202, { event: detail ? eventSummaryView(detail.event) : null });
      },
    },
    {
      method: 'POST',
      path: ['inbox', 'events', ':id', 'replay'],
      async run({ params: [id] }) {
        const result = await inbox.replay(id!);
        if (!result) throw notFound(id!);
        return jsonResponse(200, {
          ok: result.ok,
          error: result.error ?? null,
          attempt: attemptView(result.attempt),
        });
      },
    },
    {
      method: 'POST',
      path: ['inbox', 'retry-dead'],
      async run({ body }) {
        const input = body();
        if (input.since === undefined)
          throw invalid(
            'since',
            '`since` is required: retry the events that went dead at or after this time (ISO 8601).',
          );
        const retried = await inbox.retryDead(parseTime('since', input.since));
        return jsonResponse(202, { retried });
      },
    },
    {
      method: 'POST',
      path: ['inbox', 'purge'],
      async run({ body }) {
        const input = body();
        for (const key of Object.keys(input)) {
          if (!['status', 'provider', 'before'].includes(key))
            throw invalid(key, `Unknown field "${key}". Allowed: status, provider, before.`);
        }
        if (input.status !== undefined && !INBOX_STATUSES.includes(input.status as InboxStatus)) {
          throw invalid('status', `\`status\` must be one of ${INBOX_STATUSES.join(', ')}.`);
        }
        if (input.provider !== undefined && (typeof input.provider !== 'string' || input.provider === '')) {
          throw invalid('provider', '`provider` must be a provider name such as "github".');
        }
        if (input.status === undefined && input.before === undefined && input.provider === undefined) {
          throw invalid(
            'body',
            'Say what to purge: `status`, `provider` and/or `before` (nothing is deleted without one).',
          );
        }
        const deleted = await inbox.purge({
          status: input.status as InboxStatus | undefined,
          provider: input.provider as string | undefined,
          before: input.before === undefined ? undefined : parseTime('before', input.before),
        });
        return jsonResponse(200, { deleted });
      },
    },
  ];
}

/** The inbox's management REST API; mount it with any Hookwire adapter. */
export function createInboxApi(options: InboxApiOptions): InboxApi {
  return new InboxApi(options);
}
