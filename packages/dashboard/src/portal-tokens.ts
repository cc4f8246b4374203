import { createHmac, randomBytes } from 'node:crypto';
import { getHeader, timingSafeEqual, WebhookConfigError, type WebhookRequest } from '@hookwire/core';

/** Every portal token starts with this, so an authenticate hook tells it from an API token at once. */
export const PORTAL_TOKEN_PREFIX = 'hwp_';
const DEFAULT_EXPIRES_IN = 3600;
const MAX_EXPIRES_IN = 30 * 24 * 3600;

export interface PortalTokenClaims {
  tenant: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface PortalTokensOptions {
  /** The signing key (`HOOKWIRE_PORTAL_SECRET`): 16 characters at least. Random per process when absent. */
  secret?: string;
  now?: () => number;
}

export interface PortalTokens {
  /** A token for one tenant that expires in `expiresIn` seconds (default 3600, at most 30 days). */
  issue(tenant: string, expiresIn?: number): { token: string; expiresAt: number };
  /** The claims of a genuine, unexpired token; `undefined` for anything else (never throws). */
  verify(token: string): PortalTokenClaims | undefined;
}

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

/**
 * Portal tokens: `hwp_<claims>.<HMAC-SHA256 of the claims>`, stateless, scoped to one tenant and
 * expiring. Several processes verify each other's tokens when they share the secret.
 */
export function createPortalTokens(options: PortalTokensOptions = {}): PortalTokens {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  if (secret.length < 16) {
    throw new WebhookConfigError(
      'The portal secret (HOOKWIRE_PORTAL_SECRET) must be 16 characters at least; generate one with `openssl rand -base64 32`.',
    );
  }
  const now = options.now ?? Date.now;
  const mac = (claims: string) =>
    b64(createHmac('sha256', secret).update(`hookwire-portal.${claims}`).digest());
  return {
    issue(tenant, expiresIn = DEFAULT_EXPIRES_IN) {
      if (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > 200) {
        throw new WebhookConfigError('"tenant" must be a tenant name of 1 to 200 characters.');
      }
      if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) {
        throw new WebhookConfigError(
          `"expiresIn" must be whole seconds from 1 to ${MAX_EXPIRES_IN} (30 days).`,
        );
      }
      const expiresAt = now() + expiresIn * 1000;
      const claims = b64(JSON.stringify({ t: tenant, e: expiresAt, n: randomBytes(6).toString('hex') }));
      return { token: `${PORTAL_TOKEN_PREFIX}${claims}.${mac(claims)}`, expiresAt };
    },
    verify(token) {
      if (typeof token !== 'string' || !token.startsWith(PORTAL_TOKEN_PREFIX) || token.length > 2048)
        return undefined;
      const [claims, signature, extra] = token.slice(PORTAL_TOKEN_PREFIX.length).split('.');
      if (!claims || !signature || extra !== undefined) return undefined;
      if (!timingSafeEqual(mac(claims), signature)) return undefined;
      try {
        const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
          t?: unknown;
          e?: unknown;
        };
        if (typeof parsed.t !== 'string' || typeof parsed.e !== 'number') return undefined;
        if (parsed.e <= now()) return undefined;
        return { tenant: parsed.t, expiresAt: parsed.e };
      } catch {
        return undefined;
      }
    },
  };
}

/** The bearer token of a request, or `undefined`. */
export function bearerToken(request: WebhookRequest): string | undefined {
  let header: string | undefined;
  try {
    header = getHeader(request, 'authorization');
  } catch {
    return undefined;
  }
  return header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}

type Caller = string | { tenant: string; operator?: boolean } | undefined;

/**
 * Wraps a management API's `authenticate` so that portal tokens act as their tenant (never as the
 * operator), with what a tenant's token may do except publishing: `POST /events` answers 401 to a
 * portal token, as the portal shows no publishing. Every other token goes to `authenticate`.
 */
export function withPortalTokens<R extends Caller | Promise<Caller>>(
  authenticate: (request: WebhookRequest) => R,
  tokens: PortalTokens,
): (request: WebhookRequest) => R | string | undefined {
  return (request) => {
    const token = bearerToken(request);
    if (token === undefined || !token.startsWith(PORTAL_TOKEN_PREFIX)) return authenticate(request);
    const claims = tokens.verify(token);
    if (!claims) return undefined;
    if (request.method === 'POST' && /\/events\/?$/.test(new URL(request.url, 'http://localhost').pathname)) {
      return undefined;
    }
    return claims.tenant;
  };
}
