import type { WebhookEvent, WebhookRequest } from '@hookwire/core';
import { newInboxId } from './ids.js';
import type { NewInboxEvent, StoredRequest } from './types.js';

/** A plain copy of the request (the adapter's header object may be a Node one, without prototype). */
export function copyRequest(request: WebhookRequest): StoredRequest {
  const headers: Record<string, string | string[]> = {};
  for (const name in request.headers) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return { method: request.method, url: request.url, headers, body: request.body };
}

/**
 * The records for the events of one request. Further events of one request that share a delivery
 * id get `#2`, `#3`… in their dedupe key, so that they are stored beside the first.
 */
export function toRecords(
  events: readonly WebhookEvent[],
  request: StoredRequest,
  receivedAt: number,
  key: ((event: WebhookEvent) => string | undefined) | undefined,
): NewInboxEvent[] {
  const seen = new Map<string, number>();
  return events.map((event) => {
    let dedupeKey: string | undefined;
    if (event.id !== undefined) {
      const count = (seen.get(event.id) ?? 0) + 1;
      seen.set(event.id, count);
      dedupeKey = count === 1 ? event.id : `${event.id}#${count}`;
    }
    const orderKey = key?.(event);
    return {
      id: newInboxId(receivedAt),
      provider: event.provider,
      name: event.name,
      deliveryId: event.id,
      dedupeKey,
      orderKey: orderKey === undefined || orderKey === null ? undefined : String(orderKey),
      payload: event.payload,
      meta: event.meta,
      request,
      receivedAt,
    };
  });
}
