import { timingSafeEqual } from './compare.js';
import { WebhookConfigError, WebhookError } from './errors.js';
import { requireHttps } from './https.js';
import { createWebhookRequest, searchParams } from './request.js';
import type { WebhookRequest } from './types.js';

/** ASP.NET WebHooks' rule for the `code` secret of providers that sign nothing. */
export function normalizeCodes(code: string | readonly string[] | undefined, provider: string): string[] {
  if (code === undefined) throw new WebhookConfigError(`${provider}: the \`code\` option is required.`);
  const codes = typeof code === 'string' ? [code] : [...code];
  if (codes.length === 0) throw new WebhookConfigError(`${provider}: \`code\` is an empty array.`);
  for (const value of codes) {
    if (typeof value !== 'string' || value.length < 32 || value.length > 128) {
      throw new WebhookConfigError(
        `${provider}: each \`code\` must be 32 to 128 characters, so it cannot be guessed (generate one with \`openssl rand -hex 32\`).`,
      );
    }
  }
  return codes;
}

/**
 * Checks the `code` query parameter in constant time. The URL must be https (the code is the only
 * secret and travels in it), except for local requests during development.
 */
export function verifyCodeParameter(
  request: WebhookRequest,
  codes: readonly string[],
  provider: string,
): void {
  requireHttps(
    request,
    (scheme) =>
      `${provider} webhooks authorised by a \`code\` query parameter must arrive over https; this one came over ${scheme}. Use an https URL (behind a proxy, make the adapter see the forwarded scheme).`,
  );
  const given = searchParams(request).get('code');
  if (!given) {
    throw new WebhookError(
      'unauthorized',
      `The \`code\` query parameter is missing. Register the webhook at ${provider} with a URL ending in ?code=<your code>.`,
    );
  }
  if (!codes.some((code) => timingSafeEqual(code, given))) {
    throw new WebhookError(
      'unauthorized',
      `The \`code\` query parameter does not match the configured code.`,
    );
  }
}

export interface CodeRequestInput {
  /** Sent as `?code=` (left out when undefined). */
  code?: string | undefined;
  /** The exact body bytes, instead of the fields the builder makes one from. */
  body?: string | Uint8Array | undefined;
  /** Base URL without the query (default `https://example.com/webhooks/<provider>`). */
  url?: string | undefined;
}

export interface CodeRequestParts {
  /** The last segment of the default URL, `https://example.com/webhooks/<path>`. */
  path: string;
  /** The body when the input has none: a string as is (a form, XML), anything else as JSON (default `{}`). */
  payload?: unknown;
  /** Headers; `content-type` is `application/json` unless given here. */
  headers?: Record<string, string>;
  /** More query parameters; undefined ones are left out. */
  query?: Record<string, string | undefined>;
  method?: string;
}

/** A test request for a provider authorised by the `?code=` of its URL (the ASP.NET convention). */
export function createCodeRequest(input: CodeRequestInput, parts: CodeRequestParts): WebhookRequest {
  const url = new URL(input.url ?? `https://example.com/webhooks/${parts.path}`);
  const query = { code: input.code, ...parts.query };
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, value);
  const { payload = {} } = parts;
  return createWebhookRequest({
    method: parts.method,
    url: url.href,
    body: input.body ?? (typeof payload === 'string' ? payload : JSON.stringify(payload)),
    headers: { 'content-type': 'application/json', ...parts.headers },
  });
}
