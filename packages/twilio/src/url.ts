import { parse, stringify } from 'node:querystring';
import { WebhookConfigError, type WebhookRequest } from '@hookwire/core';
import type { TwilioOptions } from './options.js';

const SCHEME_AND_AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

/** The URL Twilio signed, as this request (and the `publicUrl` option) tell it. */
export function signedUrl(request: WebhookRequest, publicUrl: TwilioOptions['publicUrl']): string {
  if (typeof publicUrl === 'function') return publicUrl(request);
  if (publicUrl === undefined) return request.url;
  const match = SCHEME_AND_AUTHORITY.exec(request.url);
  const pathAndQuery = match ? request.url.slice(match[0].length) : request.url;
  return publicUrl.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

export function checkPublicUrl(publicUrl: TwilioOptions['publicUrl']): void {
  if (typeof publicUrl !== 'string') return;
  if (!SCHEME_AND_AUTHORITY.test(publicUrl) || /[?#]/.test(publicUrl)) {
    throw new WebhookConfigError(
      'Twilio: `publicUrl` must be an absolute base URL without a query string, such as https://hooks.example.com (or a function returning the full URL).',
    );
  }
}

/**
 * Every spelling of the URL Twilio may have signed. Twilio is inconsistent about ports (it signs
 * with and without the default one) and about escaping in the query string, so, as twilio-node
 * does, try the URL as received first, then as `new URL()` normalises it, then with the query
 * re-encoded the way Node's legacy `querystring` does; each with and without the port.
 */
export function candidateUrls(url: string): string[] {
  const candidates = [withoutPort(url), withDefaultPort(url)];
  let normalized: string | undefined;
  try {
    normalized = new URL(url).toString();
  } catch {
    // Not a URL `new URL()` accepts: the received spelling is all there is to try.
  }
  if (normalized !== undefined) {
    const plain = [withoutPort(normalized), withDefaultPort(normalized)];
    candidates.push(...plain, ...plain.map(withLegacyQuery));
  }
  return [...new Set(candidates)];
}

function splitAuthority(url: string) {
  const match = SCHEME_AND_AUTHORITY.exec(url);
  if (!match) return undefined;
  const [whole, scheme, authority] = match as unknown as [string, string, string];
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // An IPv6 literal is bracketed; the port colon comes after the closing bracket.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(whole.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitAuthority(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withDefaultPort(url: string): string {
  const parts = splitAuthority(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

function withLegacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1 || start === url.length - 1) return url;
  return `${url.slice(0, start)}?${stringify(parse(url.slice(start + 1)))}`;
}
