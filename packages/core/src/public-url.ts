import { WebhookConfigError } from './errors.js';
import type { WebhookRequest } from './types.js';

/** The public base URL of the receiver, or a function that rebuilds the full URL of a request. */
export type PublicUrl = string | ((request: WebhookRequest) => string);

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * The URL the provider requested (and signed), for schemes that sign the URL: behind a proxy the
 * request URL has the internal origin, so `publicUrl` replaces its scheme and authority.
 */
export function publicRequestUrl(request: WebhookRequest, publicUrl?: PublicUrl): string {
  if (typeof publicUrl === 'function') return publicUrl(request);
  if (publicUrl === undefined) return request.url;
  const origin = ORIGIN.exec(request.url);
  const pathAndQuery = origin ? request.url.slice(origin[0].length) : request.url;
  return publicUrl.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

/** Throws a `WebhookConfigError` unless a string `publicUrl` is an absolute base URL without query. */
export function checkPublicUrl(publicUrl: PublicUrl | undefined, provider: string): void {
  if (typeof publicUrl === 'string' && (!ORIGIN.test(publicUrl) || /[?#]/.test(publicUrl))) {
    throw new WebhookConfigError(
      `${provider}: \`publicUrl\` must be an absolute base URL without a query string, such as https://hooks.example.com (or a function returning the full URL).`,
    );
  }
}
