import { timingSafeEqual } from './compare.js';
import { WebhookConfigError, WebhookError } from './errors.js';
import { requireHttps } from './https.js';
import { searchParams } from './request.js';
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
