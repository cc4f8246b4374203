import { fileURLToPath } from 'node:url';
import {
  isRecord,
  jsonResponse,
  type RequestHandler,
  WebhookConfigError,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { AssetFolder } from './assets.js';
import {
  checkColors,
  contentSecurityPolicy,
  type PageConfig,
  type PortalColors,
  renderPage,
} from './page.js';
import type { PortalTokens } from './portal-tokens.js';

type Caller = string | { tenant: string; operator?: boolean } | undefined;

export interface PortalOptions {
  /** Signs and checks portal links (`createPortalTokens({ secret })`). */
  tokens: PortalTokens;
  /** Where the portal is served (default `/portal`). */
  path?: string;
  /** Shown in the portal's header and title (default "Webhooks"). */
  name?: string;
  /** An image URL for the header: same origin, `data:` or an absolute https URL (allowed by the CSP). */
  logoUrl?: string;
  colors?: PortalColors;
  /** Who may show the portal in an iframe: CSP frame-ancestors sources, e.g. `https://app.example.com`. None by default. */
  frameAncestors?: string[];
  /** The public base URL portal links start with (default: the origin the request came to). */
  publicUrl?: string;
}

export interface DashboardOptions {
  /** The management API's `authenticate`: only an operator caller (`{ operator: true }`) may create portal links. */
  authenticate(request: WebhookRequest): Caller | Promise<Caller>;
  /** Show the inbox pages: @hookwire/inbox's API is mounted at `${apiBase}/inbox`. */
  inbox?: boolean;
  /** Where the management API is mounted (default `/api`). */
  apiBase?: string;
  /** Where the operator console is served (default `/dashboard`). */
  path?: string;
  /** The subscriber portal, and `POST ${apiBase}/portal-links`; absent: no portal. */
  portal?: PortalOptions;
  /** The built app (default: the one shipped in this package). */
  assetsDir?: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const MAX_BODY = 16 * 1024;

const trimSlash = (path: string) => `/${path.split('/').filter(Boolean).join('/')}`;

function error(status: number, code: string, message: string, headers?: Record<string, string>) {
  return jsonResponse(status, { error: { code, message } }, headers);
}

/** The built single-page app of this package: `dist/app` beside `dist/index.js` (and `src/`). */
function defaultAssetsDir(): string {
  return fileURLToPath(new URL('../dist/app/', import.meta.url));
}

/**
 * The operator console (`/dashboard`), the subscriber portal (`/portal`) and the portal-links route
 * (`POST /api/portal-links`) as one `handle(request)` object: mount it with any Hookwire adapter at
 * each of those paths. The page talks to the server only through the management APIs, with a bearer
 * token it holds in memory.
 */
export class Dashboard implements RequestHandler {
  private readonly assets: AssetFolder;
  private readonly consolePath: string;
  private readonly portalPath: string | undefined;
  private readonly apiBase: string;

  constructor(private readonly options: DashboardOptions) {
    if (typeof options?.authenticate !== 'function') {
      throw new WebhookConfigError(
        'dashboard() needs { authenticate }: the management API’s hook, to let only the operator create portal links.',
      );
    }
    if (options.portal) {
      if (!options.portal.tokens)
        throw new WebhookConfigError(
          'dashboard({ portal }) needs portal.tokens: createPortalTokens({ secret }).',
        );
      checkColors(options.portal.colors);
      const logo = options.portal.logoUrl;
      if (logo !== undefined && !/^(\/|https:\/\/|data:image\/)/.test(logo)) {
        throw new WebhookConfigError(
          `portal.logoUrl must start with /, https:// or data:image/; got ${JSON.stringify(logo.slice(0, 40))}.`,
        );
      }
    }
    this.assets = new AssetFolder(options.assetsDir ?? defaultAssetsDir());
    this.consolePath = trimSlash(options.path ?? '/dashboard');
    this.portalPath = options.portal ? trimSlash(options.portal.path ?? '/portal') : undefined;
    this.apiBase = trimSlash(options.apiBase ?? '/api');
  }

  /** The paths to mount this handler at. */
  get paths(): string[] {
    return [this.consolePath, ...(this.portalPath ? [this.portalPath, `${this.apiBase}/portal-links`] : [])];
  }

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    const url = new URL(request.url, 'http://localhost');
    const path = url.pathname;
    if (this.portalPath && path.replace(/\/$/, '') === `${this.apiBase}/portal-links`) {
      return request.method === 'POST'
        ? this.createPortalLink(request, url)
        : error(405, 'method_not_allowed', 'Use POST on this route.', { allow: 'POST' });
    }
    for (const [base, mode] of [
      [this.consolePath, 'console'],
      [this.portalPath, 'portal'],
    ] as const) {
      if (base === undefined || (path !== base && !path.startsWith(`${base}/`))) continue;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return error(405, 'method_not_allowed', 'Use GET on the pages.', { allow: 'GET, HEAD' });
      }
      // The page loads its files relative to itself: `/dashboard` must become `/dashboard/`.
      if (path === base) return { status: 308, headers: { location: `${base}/${url.search}` } };
      const rest = path.slice(base.length + 1);
      if (rest.startsWith('assets/')) return this.asset(rest.slice('assets/'.length));
      if (rest === '' || rest === 'index.html') return this.page(mode);
      return error(404, 'not_found', `No such page. Open ${base}/.`);
    }
    return error(404, 'not_found', 'No such route.');
  }

  private async asset(name: string): Promise<WebhookResponse> {
    const asset = await this.assets.asset(name);
    if (!asset) return error(404, 'not_found', 'No such file.');
    return {
      status: 200,
      headers: {
        'content-type': asset.type,
        'cache-control': IMMUTABLE,
        'x-content-type-options': 'nosniff',
      },
      body: asset.body,
    };
  }

  private async page(mode: 'console' | 'portal'): Promise<WebhookResponse> {
    const template = await this.assets.indexHtml();
    if (template === undefined) {
      return error(
        503,
        'not_built',
        'The dashboard app is not built: run `pnpm --filter @hookwire/dashboard build` (or pass assetsDir).',
      );
    }
    const portal = this.options.portal;
    const config: PageConfig =
      mode === 'console'
        ? { mode, apiBase: this.apiBase, inbox: this.options.inbox === true, name: 'Hookwire console' }
        : {
            mode,
            apiBase: this.apiBase,
            inbox: false,
            name: portal?.name ?? 'Webhooks',
            ...(portal?.logoUrl ? { logoUrl: portal.logoUrl } : {}),
            ...(portal?.colors ? { colors: portal.colors } : {}),
          };
    const logo = portal?.logoUrl?.startsWith('https://') ? [new URL(portal.logoUrl).origin] : [];
    const csp = contentSecurityPolicy({
      frameAncestors: mode === 'portal' ? (portal?.frameAncestors ?? []) : [],
      imageSources: mode === 'portal' ? logo : [],
    });
    return {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': csp,
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        ...(mode === 'console' || !portal?.frameAncestors?.length ? { 'x-frame-options': 'DENY' } : {}),
      },
      body: renderPage(template, config),
    };
  }

  private async createPortalLink(request: WebhookRequest, url: URL): Promise<WebhookResponse> {
    let caller: Caller;
    try {
      caller = await this.options.authenticate(request);
    } catch {
      caller = undefined;
    }
    if (caller === undefined || caller === '') {
      return error(
        401,
        'unauthorized',
        'Missing or unknown API token: send "Authorization: Bearer <token>".',
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    if (typeof caller === 'string' || caller.operator !== true) {
      return error(403, 'forbidden', 'Only the operator may create portal links: use the operator token.');
    }
    if (request.body.byteLength > MAX_BODY)
      return error(413, 'body_too_large', `The body exceeds ${MAX_BODY} bytes.`);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(request.body));
    } catch {
      return invalid('body', 'The body must be JSON: { "tenant": "acme", "expiresIn": 3600 }.');
    }
    if (!isRecord(body)) return invalid('body', 'The body must be a JSON object: { "tenant": "acme" }.');
    const unknown = Object.keys(body).find((key) => key !== 'tenant' && key !== 'expiresIn');
    if (unknown !== undefined)
      return invalid(unknown, `Unknown field "${unknown}": send { tenant, expiresIn? }.`);
    const { tenant, expiresIn } = body;
    if (
      typeof tenant !== 'string' ||
      tenant.length === 0 ||
      tenant.length > 200 ||
      /[\u0000-\u001f]/.test(tenant)
    ) {
      return invalid('tenant', '"tenant" must be a tenant name: 1 to 200 characters, no control characters.');
    }
    if (
      expiresIn !== undefined &&
      (!Number.isInteger(expiresIn) || (expiresIn as number) < 1 || (expiresIn as number) > 2_592_000)
    ) {
      return invalid(
        'expiresIn',
        '"expiresIn" must be whole seconds from 1 to 2592000 (30 days); default 3600.',
      );
    }
    const portal = this.options.portal!;
    const issued = portal.tokens.issue(tenant, expiresIn as number | undefined);
    const base = (portal.publicUrl ?? url.origin).replace(/\/$/, '');
    // The token rides in the fragment: browsers never send it to a server, a log or a Referer.
    return jsonResponse(
      201,
      {
        url: `${base}${this.portalPath}/#token=${issued.token}`,
        expiresAt: new Date(issued.expiresAt).toISOString(),
      },
      { 'cache-control': 'no-store' },
    );
  }
}

function invalid(field: string, message: string): WebhookResponse {
  return jsonResponse(400, { error: { code: 'invalid_request', message, field } });
}

export function dashboard(options: DashboardOptions): Dashboard {
  return new Dashboard(options);
}
