import type { PayloadFilter } from './payload-filter.js';

/** How Standard Webhooks deliveries are signed: `v1` (HMAC-SHA256) or `v1a` (ed25519). */
export type SigningScheme = 'hmac' | 'ed25519';

/** Wire format of a delivery: Standard Webhooks (default) or the old ASP.NET WebHooks custom sender. */
export type DeliveryFormat = 'standard' | 'aspnet';

/** One signing secret of a subscription. During a rotation the old ones carry an expiry. */
export interface SubscriptionSecret {
  /** `whsec_…` (base64 key) for the Standard Webhooks format; its UTF-8 bytes key the ASP.NET HMAC. */
  secret: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** After this instant (ms) the secret no longer signs. Absent on the current secret. */
  expiresAt?: number;
}

/** A subscriber's registration: where to send which events, and how to sign them. */
export interface Subscription {
  /** `sub_…`, time-ordered. */
  id: string;
  /** The owner. Every management API route is scoped to it. */
  tenant: string;
  /** Absolute http(s) URL. */
  url: string;
  /** Event filters: `*`, `invoice.*` or an exact type. */
  events: string[];
  /** Newest first; `secrets[0]` is the current one. */
  secrets: SubscriptionSecret[];
  /** Extra request headers, lower-case names. */
  headers: Record<string, string>;
  metadata: Record<string, string>;
  description?: string;
  format: DeliveryFormat;
  /** Delays in seconds between attempts; the sender's schedule when absent. */
  retrySchedule?: number[];
  /** A payload filter on the event's `data`, checked after the event type (see `compileFilter`). */
  filter?: PayloadFilter;
  /**
   * Deliveries go one at a time, in publish order (delivery id order), across every worker: a
   * failing delivery holds the ones behind it until it succeeds or fails for good.
   */
  ordered?: boolean;
  /** At most this many deliveries per second (a token bucket shared by every worker). */
  rateLimit?: number;
  /**
   * `hmac` (default): `v1` signatures with `whsec_` secrets. `ed25519`: `v1a` signatures; the
   * secrets are then `whsk_` signing keys and the subscriber gets the `whpk_` public key.
   */
  signing?: SigningScheme;
  /** Failed attempts in a row since the last success (the `subscription.failing` operational event). */
  consecutiveFailures?: number;
  disabled: boolean;
  disabledReason?: string;
  /** First failed attempt since the last success (ms): the clock of the "disable after N days" rule. */
  failingSince?: number;
  createdAt: number;
  updatedAt: number;
}

/** An entry of the optional event-type catalogue. */
export interface EventType {
  /** Dotted name, e.g. `invoice.paid`. */
  name: string;
  description?: string;
  /**
   * JSON Schema of the event's `data` (2020-12 by default, validated by `@cfworker/json-schema`;
   * checked when the type is registered, see `checkJsonSchema`).
   */
  schema?: Record<string, unknown>;
  /** A sample `data`, checked against `schema`; `GET /event-types/:name` derives one when absent. */
  example?: unknown;
  /** Still published and delivered; shown as deprecated so subscribers move on. */
  deprecated?: boolean;
}

/** A published event, stored once whatever the number of subscribers. */
export interface StoredEvent {
  /** Sent as `webhook-id`: the same for every subscriber and every retry. */
  id: string;
  /**
   * The tenant the event was published to (its id is unique within it); absent for a broadcast,
   * delivered to every tenant's subscriptions.
   */
  tenant?: string;
  type: string;
  data: unknown;
  /** Milliseconds since the epoch; the body's `timestamp`. */
  createdAt: number;
  /** The W3C `traceparent` of the publish (when tracing was on): attempt spans continue its trace. */
  traceparent?: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event on its way to one subscription. */
export interface Delivery {
  /** `dlv_…`, time-ordered. */
  id: string;
  eventId: string;
  subscriptionId: string;
  /** The subscription's tenant (deliveries are scoped like their subscription). */
  tenant: string;
  eventType: string;
  status: DeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /**
   * When the delivery is due (ms). While a worker holds a lease on it, this is the lease's expiry:
   * a delivery whose worker died becomes due again by itself.
   */
  nextAttemptAt: number;
  /** Set while a worker holds the delivery (stores that are their own queue). */
  leaseToken?: string;
  lastStatus?: number;
  lastError?: string;
  createdAt: number;
  updatedAt: number;
}

/** One HTTP attempt of a delivery, as the delivery log shows it. */
export interface DeliveryAttempt {
  /** `att_…`. */
  id: string;
  deliveryId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Milliseconds since the epoch. */
  startedAt: number;
  durationMs: number;
  /** HTTP status, absent when no response came (timeout, connection error, blocked address). */
  status?: number;
  /** What went wrong, in words (never a secret). */
  error?: string;
  /** The first bytes of the response body (capped), as text. */
  responseExcerpt?: string;
}

/** A page of a list, and the cursor of the next one. */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

export interface PageQuery {
  /** 1 to 1000. */
  limit: number;
  cursor?: string;
}
