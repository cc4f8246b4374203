import { isWebhookError, type WebhookRequest } from '@hookwire/core';
import type { ProviderSpec, ReceiverContext } from '../providers/spec.js';

export interface Attempt {
  request: WebhookRequest;
  secret: string;
  url: string;
  now?: () => number;
  tolerance?: number;
}

export type Outcome =
  | { ok: true; name?: string; id?: string; handshake?: boolean }
  | { ok: false; code: string; message: string };

/** Runs the provider's own receiver on one attempt; a configuration error counts as a failure. */
export async function attempt(spec: ProviderSpec, input: Attempt): Promise<Outcome> {
  try {
    const context: ReceiverContext = {
      secret: input.secret,
      url: input.url,
      now: input.now,
      tolerance: input.tolerance,
    };
    const receiver = await spec.receiver(context);
    const result = await receiver.receive(input.request);
    return result.type === 'event'
      ? { ok: true, name: result.event.name, id: result.event.id }
      : { ok: true, handshake: true };
  } catch (error) {
    if (isWebhookError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

export interface Diagnosis {
  cause:
    | 'body_reserialised'
    | 'secret_encoding'
    | 'timestamp'
    | 'url'
    | 'duplicate_header'
    | 'missing_header';
  /** What a developer can act on. */
  message: string;
}

/** Each hypothesis changes one thing and re-runs the receiver; only those that then verify are reported. */
export async function diagnose(
  spec: ProviderSpec,
  base: Attempt,
  failure: { code: string; message: string },
): Promise<Diagnosis[]> {
  const found: Diagnosis[] = [];
  const verifies = async (change: Partial<Attempt>) => (await attempt(spec, { ...base, ...change })).ok;

  if (failure.code === 'missing_header') {
    found.push({
      cause: 'missing_header',
      message: `a header the provider always sends is missing: ${failure.message}`,
    });
  }

  for (const [label, body] of jsonVariants(base.request.body)) {
    if (await verifies({ request: { ...base.request, body } })) {
      found.push({
        cause: 'body_reserialised',
        message: `the body was re-serialised: the signature matches the same JSON written ${label}. Verify the raw bytes as received, before any JSON parser touches them.`,
      });
      break;
    }
  }

  for (const [label, secret] of secretVariants(base.secret)) {
    if (await verifies({ secret })) {
      found.push({
        cause: 'secret_encoding',
        message: `the secret is in the wrong encoding: the signature matches ${label}.`,
      });
      break;
    }
  }

  if (/timestamp/.test(failure.code)) {
    const drift = await timestampDrift(base, failure.code !== 'timestamp_in_future', verifies);
    if (drift) found.push({ cause: 'timestamp', message: drift });
  }

  for (const [label, url] of urlVariants(base.request)) {
    if (url !== base.url && (await verifies({ url, request: { ...base.request, url } }))) {
      found.push({
        cause: 'url',
        message: `the signed URL differs: the signature matches ${url} (${label}), not ${base.url}. Give the receiver that URL as its public URL (--public-url here).`,
      });
      break;
    }
  }

  for (const [name, value] of Object.entries(base.request.headers)) {
    if (!Array.isArray(value) || value.length < 2) continue;
    for (const [index, one] of value.entries()) {
      if (
        await verifies({ request: { ...base.request, headers: { ...base.request.headers, [name]: one } } })
      ) {
        found.push({
          cause: 'duplicate_header',
          message: `the header ${name} was sent ${value.length} times (a proxy or client added a copy); with only value #${index + 1} the request verifies.`,
        });
        break;
      }
    }
  }
  return found;
}

const sortKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
        )
      : value;

function jsonVariants(body: Uint8Array): [string, Buffer][] {
  const text = Buffer.from(body).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const sorted = sortKeys(parsed);
  const variants: [string, string][] = [
    ['compactly (no spaces)', JSON.stringify(parsed)],
    ['indented with 2 spaces', JSON.stringify(parsed, null, 2)],
    ['indented with 4 spaces', JSON.stringify(parsed, null, 4)],
    ['indented with tabs', JSON.stringify(parsed, null, '\t')],
    [
      'with ", " and ": " separators (Python json.dumps)',
      JSON.stringify(parsed).replace(/("(?:[^"\\]|\\.)*")|([,:])/g, (m, str, sep) => (str ? m : `${sep} `)),
    ],
    ['compactly with its keys in another order', JSON.stringify(sorted)],
    ['indented with 2 spaces and its keys in another order', JSON.stringify(sorted, null, 2)],
  ];
  return variants
    .filter(([, variant]) => variant !== text)
    .map(([label, variant]) => [label, Buffer.from(variant)]);
}

function secretVariants(secret: string): [string, string][] {
  const variants: [string, string][] = [];
  const prefixed = secret.startsWith('whsec_');
  const bare = prefixed ? secret.slice(6) : secret;
  if (prefixed) variants.push(['the secret without its whsec_ prefix (the sender stripped it)', bare]);
  else variants.push(['the secret with a whsec_ prefix (the sender kept it)', `whsec_${secret}`]);
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(bare) && bare.length % 4 === 0) {
    const decoded = Buffer.from(bare, 'base64');
    const text = decoded.toString('utf8');
    if (text.length > 0 && Buffer.from(text, 'utf8').equals(decoded) && text.trim() === text) {
      variants.push([
        'the base64-decoded secret: the sender decoded the base64 text and signed with those bytes',
        text,
      ]);
    }
  }
  const encoded = Buffer.from(bare, 'utf8').toString('base64');
  variants.push([
    "the secret's text used raw as the key: the sender did not base64-decode it",
    prefixed ? `whsec_${encoded}` : encoded,
  ]);
  return variants.filter(([, variant]) => variant !== secret && variant.length > 0);
}

async function timestampDrift(
  base: Attempt,
  past: boolean,
  verifies: (change: Partial<Attempt>) => Promise<boolean>,
): Promise<string | undefined> {
  const max = 10 * 365 * 24 * 3600;
  if (!(await verifies({ tolerance: max }))) return undefined;
  // The smallest tolerance that accepts it is the request's age (or how far ahead it is).
  let low = 0;
  let high = max;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (await verifies({ tolerance: mid })) high = mid;
    else low = mid + 1;
  }
  const age = low;
  const nowMs = (base.now ?? Date.now)();
  // The receiver's own tolerance: the largest shift of the clock towards the signing time that still fails.
  const signedMs = nowMs - (past ? age : -age) * 1000;
  let lo = 0;
  let hi = age;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await verifies({ now: () => signedMs + (past ? mid : -mid) * 1000 })) lo = mid;
    else hi = mid - 1;
  }
  const over = age - lo;
  const when = past ? `${age} s ago` : `${age} s in the future`;
  return `the timestamp is outside the tolerance by ${over} s: it was signed ${when} and the receiver accepts ${lo} s. The signature itself is right: deliver (or replay) it sooner, or check the clocks.`;
}

function urlVariants(request: WebhookRequest): [string, string][] {
  const url = new URL(request.url);
  const variants: [string, string][] = [];
  const add = (label: string, change: (u: URL) => void) => {
    const copy = new URL(url.href);
    change(copy);
    variants.push([label, copy.href]);
  };
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwardedHost =
    header('x-forwarded-host') ??
    header('x-original-host') ??
    /host=([^;,\s]+)/i.exec(header('forwarded') ?? '')?.[1];
  const forwardedProto =
    header('x-forwarded-proto') ?? /proto=([^;,\s]+)/i.exec(header('forwarded') ?? '')?.[1];
  if (forwardedHost || forwardedProto) {
    add('the host and scheme the proxy forwarded', (u) => {
      if (forwardedProto) u.protocol = `${forwardedProto.split(',')[0]!.trim()}:`;
      if (forwardedHost) {
        const host = forwardedHost.split(',')[0]!.trim();
        // Setting only the host keeps the old port: the forwarded host says its own, or none.
        u.port = '';
        u.host = host;
      }
    });
  }
  add(url.protocol === 'http:' ? 'https instead of http' : 'http instead of https', (u) => {
    u.protocol = url.protocol === 'http:' ? 'https:' : 'http:';
  });
  add(url.pathname.endsWith('/') ? 'without the trailing slash' : 'with a trailing slash', (u) => {
    u.pathname = url.pathname.endsWith('/') ? url.pathname.replace(/\/+$/, '') || '/' : `${url.pathname}/`;
  });
  if (url.port)
    add('without the port', (u) => {
      u.port = '';
    });
  if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
    add('with the other name of this machine', (u) => {
      u.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    });
  }
  if (url.search) {
    add('with its query parameters sorted', (u) => {
      u.searchParams.sort();
    });
    add('with its query parameters in reverse order', (u) => {
      u.search = [...url.searchParams]
        .reverse()
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
    });
    add('without its query', (u) => {
      u.search = '';
    });
  }
  return variants;
}
