/** Header values as Node frameworks hold them: lower-case names, repeated headers as arrays. */
export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The framework-neutral request every adapter builds once and every receiver reads. */
export interface WebhookRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Absolute URL, as the adapter best knows it (scheme and host may come from a proxy). */
  url: string;
  /** Lower-case header names. */
  headers: WebhookHeaders;
  /** The raw body bytes exactly as received: signatures are computed over these. */
  body: Uint8Array;
}

/** What an adapter sends back. */
export interface WebhookResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A verified webhook event, in the provider's own words. */
export interface WebhookEvent<TPayload = unknown, TName extends string = string> {
  /** Provider name, e.g. `github`. */
  provider: string;
  /** Event name exactly as the provider names it (`issues.opened`, `checkout.session.completed`). */
  name: TName;
  /** The provider's delivery id, where it sends one (used for deduplication). */
  id?: string;
  /** The parsed payload. */
  payload: TPayload;
  /** Provider-specific facts that are not in the payload (retry number, app key, receiver id…). */
  meta: Record<string, unknown>;
  /** The request the event came from. */
  request: WebhookRequest;
}

/** What `receive` resolves to: one or more events, or a handshake response to send as is. */
export type ReceiveResult<TEvent extends WebhookEvent = WebhookEvent> =
  | { type: 'event'; event: TEvent; events: TEvent[] }
  | { type: 'response'; response: WebhookResponse };

/**
 * Anything an adapter can mount: a receiver, a hub, the sender's management API. Adapters pass
 * the full URL (mount path included) in `request.url`.
 */
export interface RequestHandler {
  handle(request: WebhookRequest): Promise<WebhookResponse>;
}
