import { randomBytes } from 'node:crypto';
import { SenderError } from './errors.js';
import type { HttpClient } from './http.js';
import { buildRequest } from './payload.js';
import type { Subscription } from './types.js';

/**
 * How a new subscription proves it owns its URL: `echo` (ASP.NET WebHooks' convention: a GET with
 * `?echo=<random>` whose response body must be that value) and/or `test-event` (a signed
 * `webhook.test` event that must get a 2xx).
 */
export type OwnershipCheck = 'echo' | 'test-event';

function refuse(message: string): SenderError {
  return new SenderError('ownership_check_failed', message, { field: 'url' });
}

export async function verifyOwnership(
  http: HttpClient,
  subscription: Subscription,
  checks: readonly OwnershipCheck[],
  now: number,
  userAgent: string,
): Promise<void> {
  if (checks.includes('echo')) {
    const challenge = randomBytes(16).toString('hex');
    const url = new URL(subscription.url);
    url.searchParams.set('echo', challenge);
    const outcome = await http.send('GET', url.href, { 'user-agent': userAgent, ...subscription.headers });
    if (outcome.status === undefined || outcome.status < 200 || outcome.status >= 300) {
      throw refuse(
        `Ownership check failed: GET ${subscription.url}?echo=… answered ${outcome.error ?? `HTTP ${outcome.status}`}; it must answer 200 with the echo parameter's value as its body.`,
      );
    }
    if (outcome.excerpt?.trim() !== challenge) {
      throw refuse(
        'Ownership check failed: the response body to GET ?echo=… must be exactly the echo value.',
      );
    }
  }
  if (checks.includes('test-event')) {
    const event = {
      id: `msg_test_${randomBytes(8).toString('hex')}`,
      type: 'webhook.test',
      data: {},
      createdAt: now,
    };
    const request = buildRequest({ event, subscription, attempt: 1, now, userAgent });
    const outcome = await http.send('POST', subscription.url, request.headers, request.body);
    if (outcome.status === undefined || outcome.status < 200 || outcome.status >= 300) {
      throw refuse(
        `Ownership check failed: the signed webhook.test event got ${outcome.error ?? `HTTP ${outcome.status}`}; the endpoint must answer 2xx.`,
      );
    }
  }
}
