import { WebhookError } from './errors.js';
import type { WebhookRequest } from './types.js';

/** Whether a URL points at this machine (development), where plain http is acceptable. */
export function isLocalUrl(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/**
 * Refuses a request that came over plain http (400 `unauthorized`), except from this machine: for
 * schemes whose secret travels in the request itself (a `?code=`, basic credentials, a session id).
 * `message` explains why; a function receives the scheme the request used (`http`).
 */
export function requireHttps(request: WebhookRequest, message: string | ((scheme: string) => string)): void {
  const url = new URL(request.url);
  if (url.protocol === 'https:' || isLocalUrl(url)) return;
  const scheme = url.protocol.replace(':', '');
  throw new WebhookError('unauthorized', typeof message === 'string' ? message : message(scheme), {
    status: 400,
  });
}
