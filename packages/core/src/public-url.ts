import { WebhookConfigError } from './errors.js';
import type { WebhookRequest } from './types.js';

/** The public base URL of the receiver, or a function that rebuilds the full URL of a request. */
export type PublicUrl = string | ((request: WebhookRequest) => string);

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * Checks a public base URL once, at construction, and returns it as origin and path without a
 * trailing slash; mistakes throw `WebhookConfigError` naming `owner` (an adapter or a provider).
 */
export function parsePublicBase(value: string, owner: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WebhookConfigError(
      `${owner}: \`publicUrl\` must be an absolute URL such as https://hooks.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookConfigError(`${owner}: \`publicUrl\` must be an http or https URL.`);
  }
  if (url.search || url.hash || /[?#]/.test(value)) {
    throw new WebhookConfigError(
      `${owner}: \`publicUrl\` must not have a query or a fragment (or give a function returning the full URL).`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * `base` (origin and optional path prefix, no trailing slash) followed by the path and query of
 * `target` (an origin-form `/path?query` or an absolute URL). A path already under the prefix keeps
 * it, so a base applied twice (by the adapter and again by a provider) does not double the prefix.
 */
export function rebaseUrl(base: string, target: string): string {
  const origin = ORIGIN.exec(target);
  let path = origin ? target.slice(origin[0].length) : target;
  if (!path.startsWith('/')) path = `/${path}`;
  const prefix = base.slice(ORIGIN.exec(base)?.[0].length ?? 0);
  if (prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`))) {
    path = path.slice(prefix.length);
  }
  return base + path;
}

/**
 * The URL the provider requested (and signed), for schemes that sign the URL: behind a proxy the
 * request URL has the internal origin, so `publicUrl` replaces its scheme and authority (and puts
 * back a path prefix the proxy stripped).
 */
export function publicRequestUrl(request: WebhookRequest, publicUrl?: PublicUrl): string {
  if (typeof publicUrl === 'function') return publicUrl(request);
  if (publicUrl === undefined) return request.url;
  return rebaseUrl(publicUrl.replace(/\/+$/, ''), request.url);
}

/** Throws a `WebhookConfigError` unless a string `publicUrl` is an absolute base URL without query. */
export function checkPublicUrl(publicUrl: PublicUrl | undefined, provider: string): void {
  if (typeof publicUrl === 'string') parsePublicBase(publicUrl, provider);
}
