/** Read what a receiver did (its `WebhookError`, its events) and derive tampered requests from a signed one. */
import { WebhookError, type WebhookErrorCode } from '../errors.js';
import type { ReceiveResult, WebhookEvent, WebhookRequest } from '../types.js';

/**
 * Resolves to the `WebhookError` that `subject` (a promise, or a function returning a value or a
 * promise) throws. Rejects when it succeeds or throws anything else, so a test cannot pass by accident.
 */
export async function webhookErrorOf(subject: Promise<unknown> | (() => unknown)): Promise<WebhookError> {
  let outcome: { error: unknown } | undefined;
  try {
    await (typeof subject === 'function' ? subject() : subject);
  } catch (error) {
    outcome = { error };
  }
  if (outcome === undefined) throw new Error('Expected a WebhookError, but nothing was thrown.');
  if (outcome.error instanceof WebhookError) return outcome.error;
  throw new Error('Expected a WebhookError, but something else was thrown.', { cause: outcome.error });
}

/** Resolves to the `code` of the `WebhookError` that `subject` throws (see `webhookErrorOf`). */
export async function errorCodeOf(subject: Promise<unknown> | (() => unknown)): Promise<WebhookErrorCode> {
  return (await webhookErrorOf(subject)).code;
}

/**
 * A test file's signer: `sign` with the file's defaults (`signerWith(signGitHubRequest, { secret,
 * event: 'push', body })`), each call overriding some; an override that is `undefined` keeps the
 * default, so `sign: ({ secret, body }) => signed({ secret, body })` suits `describeReceiver`.
 */
export function signerWith<TInput extends object, TResult>(
  sign: (input: TInput) => TResult,
  defaults: NoInfer<TInput>,
): (overrides?: Partial<TInput>) => TResult {
  return (overrides = {}) => {
    const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
    return sign({ ...defaults, ...Object.fromEntries(given) });
  };
}

/** A copy of `request` with some headers replaced; `undefined` removes one. Names are lower-cased. */
export function withHeaders(
  request: WebhookRequest,
  patch: Record<string, string | string[] | undefined>,
): WebhookRequest {
  const headers: Record<string, string | string[] | undefined> = { ...request.headers };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  return { ...request, headers };
}

/** A copy of `request` with another body (a string is UTF-8 encoded), signature headers unchanged. */
export function withBody(request: WebhookRequest, body: string | Uint8Array): WebhookRequest {
  return { ...request, body: typeof body === 'string' ? Buffer.from(body) : body };
}

/**
 * Resolves to the events a receive result carries. Rejects when it is a response (a handshake),
 * so a test cannot pass by accident.
 */
export async function eventsOf(result: ReceiveResult | Promise<ReceiveResult>): Promise<WebhookEvent[]> {
  const outcome = await result;
  if (outcome.type === 'event') return outcome.events;
  throw new Error(`Expected an event, but the receiver answered with a ${outcome.response.status} response.`);
}

/** Resolves to the (first) event a receive result carries; rejects when it is a response. */
export async function eventOf(result: ReceiveResult | Promise<ReceiveResult>): Promise<WebhookEvent> {
  return (await eventsOf(result))[0]!;
}
