import { WebhookConfigError, type WebhookRequest } from '@hookwire/core';
import type { HubSpotOptions } from './options.js';

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/** The URL HubSpot requested, as this request (and the `publicUrl` option) tell it. */
export function requestedUrl(request: WebhookRequest, publicUrl: HubSpotOptions['publicUrl']): string {
  if (typeof publicUrl === 'function') return publicUrl(request);
  if (publicUrl === undefined) return request.url;
  const origin = ORIGIN.exec(request.url);
  const pathAndQuery = origin ? request.url.slice(origin[0].length) : request.url;
  return publicUrl.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

export function checkPublicUrl(publicUrl: HubSpotOptions['publicUrl']): void {
  if (typeof publicUrl === 'string' && (!ORIGIN.test(publicUrl) || /[?#]/.test(publicUrl))) {
    throw new WebhookConfigError(
      'HubSpot: `publicUrl` must be an absolute base URL without a query string, such as https://hooks.example.com (or a function returning the full URL).',
    );
  }
}

// HubSpot's v3 instructions: decode exactly these percent-encodings in the URI before signing.
const V3_DECODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The request URI as v3 signs it: scheme, host, path and query, with HubSpot's listed characters decoded. */
export function v3Uri(url: string): string {
  return url.replace(V3_DECODED, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
