import type { InboxAttempt, InboxEvent } from './types.js';

const iso = (ms: number) => new Date(ms).toISOString();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A list item: what an operator scans. */
export function eventSummaryView(event: InboxEvent) {
  return {
    id: event.id,
    provider: event.provider,
    name: event.name,
    deliveryId: event.deliveryId ?? null,
    status: event.status,
    receivedAt: iso(event.receivedAt),
    attempts: event.attempts,
  };
}

export function attemptView(attempt: InboxAttempt) {
  return {
    attempt: attempt.attempt,
    kind: attempt.kind,
    startedAt: iso(attempt.startedAt),
    durationMs: Math.round(attempt.durationMs * 1000) / 1000,
    error: attempt.error ?? null,
  };
}

/** One event in full: payload, the raw request (body as UTF-8 text, or base64 when it is not text), attempts. */
export function eventDetailView(event: InboxEvent, attempts: InboxAttempt[]) {
  let body: string;
  let bodyEncoding: 'utf8' | 'base64' = 'utf8';
  try {
    body = decoder.decode(event.request.body);
  } catch {
    body = Buffer.from(event.request.body).toString('base64');
    bodyEncoding = 'base64';
  }
  return {
    ...eventSummaryView(event),
    nextAttemptAt: event.status === 'pending' ? iso(event.nextAttemptAt) : null,
    processedAt: event.processedAt === undefined ? null : iso(event.processedAt),
    lastError: event.lastError ?? null,
    payload: event.payload,
    meta: event.meta,
    request: {
      method: event.request.method,
      url: event.request.url,
      headers: event.request.headers,
      body,
      bodyEncoding,
    },
    // `attempts` stays the count, as in list items; the runs themselves are the history.
    history: attempts.map(attemptView),
  };
}
