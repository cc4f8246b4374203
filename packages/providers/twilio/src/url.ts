import { parse, stringify } from 'node:querystring';

const SCHEME_AND_AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

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
