import type { ReceiveResult, WebhookRequest, WebhookResponse } from '@hookwire/core';

/** What a sample's signer is given: the credentials, where the request goes, and an optional payload. */
export interface SignContext {
  /** `--secret` as typed (a shared secret, a `code`, `user:password`, or a seed for test keys). */
  secret: string;
  /** The absolute URL the request is sent to (`--to`): signed by providers that sign the URL. */
  url: string;
  /** The parsed `--data` payload, replacing the sample's own. */
  data?: unknown;
  /** Unix seconds to sign at. */
  timestamp: number;
}

export interface Sample {
  /** One line for `trigger --list`. */
  description: string;
  sign(context: SignContext): WebhookRequest | Promise<WebhookRequest>;
}

/** What `listen` and `verify` build a receiver from. */
export interface ReceiverContext {
  secret: string;
  /** The URL the provider signed (the request's own URL unless `--public-url` is given). */
  url: string;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Seconds, where the scheme signs a timestamp. */
  tolerance?: number;
}

export interface CliReceiver {
  receive(request: WebhookRequest): Promise<ReceiveResult>;
  handle(request: WebhookRequest): Promise<WebhookResponse>;
}

export interface ProviderSpec {
  name: string;
  /** What `--secret` stands for with this provider, e.g. "the webhook secret" or "the `code` query value". */
  secret: string;
  /** The development secret the demo uses for this provider, so `trigger` works against it as is. */
  defaultSecret: string;
  receiver(context: ReceiverContext): CliReceiver | Promise<CliReceiver>;
  /** Sample events by name; the first is the default. */
  samples: Record<string, Sample>;
}

/** `--data` when given, else the sample's own payload. */
export function payloadOf<T>(context: SignContext, sample: T): T {
  return context.data === undefined ? sample : (context.data as T);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
