import {
  getHeader,
  normalizeCodes,
  normalizeSecrets,
  requireHttps,
  timingSafeEqual,
  verifyCodeParameter,
  WebhookConfigError,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import type { AzureDevOpsOptions } from './options.js';

export interface AzureDevOpsState {
  codes: string[] | undefined;
  basic: { username: string; passwords: string[] } | undefined;
}

export function setupAuth(options: AzureDevOpsOptions): AzureDevOpsState {
  const { code, username, password } = options;
  if ((username === undefined) !== (password === undefined)) {
    throw new WebhookConfigError(
      'Azure DevOps: give both `username` and `password` for basic authentication.',
    );
  }
  if (code === undefined && username === undefined) {
    throw new WebhookConfigError(
      'Azure DevOps: give `code` (the ?code= in the service hook URL) or `username` and `password` (its basic authentication), or both.',
    );
  }
  if (username !== undefined && (typeof username !== 'string' || username === '' || username.includes(':'))) {
    throw new WebhookConfigError('Azure DevOps: `username` must be a non-empty string without ":".');
  }
  return {
    codes: code === undefined ? undefined : normalizeCodes(code, 'Azure DevOps'),
    basic:
      username === undefined
        ? undefined
        : { username, passwords: normalizeSecrets(password, 'Azure DevOps password') },
  };
}

/** Every configured check must pass: the `code` parameter, basic credentials, or both. */
export function verifyAzureDevOps(request: WebhookRequest, state: AzureDevOpsState): void {
  if (state.codes) verifyCodeParameter(request, state.codes, 'Azure DevOps');
  else
    requireHttps(
      request,
      'Azure DevOps webhooks with basic authentication must arrive over https, or the password travels in clear text. Use an https URL (behind a proxy, make the adapter see the forwarded scheme).',
    );
  if (state.basic) verifyBasic(request, state.basic.username, state.basic.passwords);
}

function verifyBasic(request: WebhookRequest, username: string, passwords: readonly string[]): void {
  const header = getHeader(request, 'Authorization');
  const match = header === undefined ? null : /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header);
  if (!match) {
    throw new WebhookError(
      'unauthorized',
      header === undefined
        ? 'The Authorization header is missing. Set the basic authentication username and password in the Azure DevOps service hook.'
        : 'The Authorization header does not hold Basic credentials.',
    );
  }
  const credentials = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  const user = colon === -1 ? credentials : credentials.slice(0, colon);
  const given = colon === -1 ? '' : credentials.slice(colon + 1);
  // Compare both parts every time, so the response time does not tell a wrong user from a wrong password.
  const userMatches = timingSafeEqual(user, username);
  const passwordMatches = passwords.map((password) => timingSafeEqual(given, password)).includes(true);
  if (!userMatches || !passwordMatches) {
    throw new WebhookError('unauthorized', 'The basic authentication credentials do not match.');
  }
}
