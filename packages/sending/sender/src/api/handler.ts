import {
  isRecord,
  jsonResponse,
  type RequestHandler,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { invalid, isSenderError, SenderError } from '../errors.js';
import type { Sender } from '../sender.js';
import { RouteInput } from './input.js';
import { openApiDocument } from './openapi.js';
import { type RouteDefinition, routeTable } from './routes.js';

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

const ROOTS = new Set(['event-types', 'subscriptions', 'deliveries', 'events', 'openapi.json']);

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

interface Route {
  definition: RouteDefinition;
  segments: string[];
  input: RouteInput;
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

/** `/api` for `/api/openapi.json`: the path the API is mounted at. */
function mountPath(url: string): string | undefined {
  const pathname = new URL(url, 'http://localhost').pathname;
  const at = pathname.lastIndexOf('/openapi.json');
  return at > 0 ? pathname.slice(0, at) : undefined;
}

function matchRoute(list: Route[], segments: string[]): { routes: Route[]; params: Record<string, string> } {
  const matching: Route[] = [];
  let params: Record<string, string> = {};
  for (const route of list) {
    if (route.segments.length !== segments.length) continue;
    const found: Record<string, string> = {};
    const fits = route.segments.every((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segments[i];
      found[name] = segments[i]!;
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
  /** Every route this handler answers, as data (the OpenAPI document is generated from it). */
  readonly definitions: readonly RouteDefinition[];
  private readonly routes: Route[];
  private readonly documents = new Map<string, unknown>();

  constructor(private readonly options: ManagementApiOptions) {
    if (!options?.sender || typeof options.authenticate !== 'function') {
      throw new TypeError('createManagementApi needs { sender, authenticate }.');
    }
    const openapi: RouteDefinition = {
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This document (OpenAPI 3.1); no token needed.',
      access: 'public',
      responses: { 200: { description: 'The OpenAPI document.', schema: { type: 'object' } } },
      run: async ({ request }) => jsonResponse(200, this.openApi(mountPath(request.url))),
    };
    this.definitions = [...routeTable(options.sender, options), openapi];
    this.routes = this.definitions.map((definition) => ({
      definition,
      segments: definition.path.split('/').filter(Boolean),
      input: new RouteInput(definition),
    }));
  }

  /**
   * The OpenAPI 3.1 document of this API (`GET /openapi.json`). Its server URL is `basePath`, else
   * `mount` (where the request found the API), else `/`.
   */
  openApi(mount?: string): unknown {
    const base = this.options.basePath ?? mount ?? '/';
    let document = this.documents.get(base);
    if (!document) {
      document = openApiDocument(this.definitions, { basePath: base });
      if (this.documents.size < 16) this.documents.set(base, document);
    }
    return document;
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
    let segments: string[] | undefined;
    try {
      segments = routeSegments(request.url, this.options.basePath);
    } catch {
      segments = undefined;
    }
    const { routes: matching, params } = segments
      ? matchRoute(this.routes, segments)
      : { routes: [], params: {} };
    const route = matching.find((r) => r.definition.method === request.method);
    let caller: ApiCaller | undefined;
    if (route?.definition.access !== 'public') {
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
    }
    if (matching.length === 0) throw new SenderError('not_found', 'No such route.');
    if (!route) {
      const allow = matching.map((r) => r.definition.method).join(', ');
      return jsonResponse(
        405,
        { error: { code: 'method_not_allowed', message: `Use ${allow} on this route.` } },
        { allow },
      );
    }
    if (route.definition.access === 'operator' && !caller?.operator) {
      throw new SenderError('forbidden', 'Only the operator may change the event-type catalogue.');
    }
    const maxBody = this.options.maxBodyBytes ?? 1024 * 1024;
    if (request.body.byteLength > maxBody) {
      return jsonResponse(413, {
        error: { code: 'body_too_large', message: `The body exceeds ${maxBody} bytes.` },
      });
    }
    const query = new URL(request.url, 'http://localhost').searchParams;
    route.input.checkQuery(query, caller?.operator === true);
    let parsed: unknown;
    if (request.body.byteLength > 0) {
      try {
        parsed = JSON.parse(decoder.decode(request.body));
      } catch {
        throw invalid('body', 'The body is not valid JSON.');
      }
    }
    return route.definition.run({
      request,
      tenant: caller?.tenant ?? '',
      operator: caller?.operator === true,
      params,
      query,
      body: route.input.checkBody(parsed),
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
