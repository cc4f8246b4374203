import {
  decodeBase64,
  requireHeader,
  timingSafeEqual,
  WebhookConfigError,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

/** Validates the credentials once and returns every accepted `user:password` pair. */
export function credentialPairs(username: unknown, password: unknown): string[] {
  if (typeof username !== 'string' || username === '' || username.includes(':')) {
    throw new WebhookConfigError('Postmark: `username` must be a non-empty string without ":".');
  }
  const passwords = Array.isArray(password) ? password : [password];
  if (passwords.length === 0 || passwords.some((value) => typeof value !== 'string' || value === '')) {
    throw new WebhookConfigError(
      'Postmark: `password` must be a non-empty string (or a non-empty array of them).',
    );
  }
  return passwords.map((value) => `${username}:${value}`);
}

/**
 * Checks `Authorization: Basic …` against the configured pairs in constant time. A request without
 * credentials gets 401 with a `WWW-Authenticate` challenge, for clients that wait to be asked.
 */
export function verifyBasicAuth(request: WebhookRequest, pairs: readonly string[]): void {
  let header: string;
  try {
    header = requireHeader(request, 'Authorization');
  } catch (error) {
    if (!(error instanceof WebhookError) || error.code !== 'missing_header') throw error;
    throw new WebhookError(
      'missing_header',
      'The Authorization header is missing. Give Postmark the webhook URL with credentials: https://<username>:<password>@your.host/path.',
      { status: 401 },
    );
  }
  const [scheme, encoded = ''] = header.trim().split(/\s+/, 2);
  const decoded = scheme?.toLowerCase() === 'basic' ? decodeBase64(encoded) : undefined;
  if (!decoded) {
    throw new WebhookError('unauthorized', 'The Authorization header is not HTTP Basic credentials.');
  }
  let matched = false;
  // Every pair is compared, so the time taken does not say which one was close.
  for (const pair of pairs) matched = timingSafeEqual(pair, decoded) || matched;
  if (!matched) {
    throw new WebhookError(
      'unauthorized',
      'The Basic credentials do not match the configured username and password.',
    );
  }
}
