import { WebhookConfigError } from '@hookwire/core';
import type { Delivery, Subscription } from './types.js';

/** The sender's own events, for the operator's endpoint. */
export const OPERATIONAL_EVENT_TYPES = [
  'subscription.disabled',
  'subscription.failing',
  'subscription.recovered',
  'delivery.failed',
] as const;

export type OperationalEventType = (typeof OPERATIONAL_EVENT_TYPES)[number];

export interface OperationalEventsOptions {
  /**
   * The tenant the events are published to; the operator subscribes there (e.g. to
   * `["subscription.*", "delivery.failed"]`). Default `operator`, the demo's operator tenant.
   * Subscriptions of this tenant never cause operational events themselves (no loops).
   */
  tenant?: string;
  /** `subscription.failing` goes out after this many failed attempts in a row (default 5). */
  failingAfter?: number;
}

export interface OperationalSettings {
  tenant: string;
  failingAfter: number;
}

export function resolveOperational(
  options: OperationalEventsOptions | boolean | undefined,
): OperationalSettings | undefined {
  if (options === undefined || options === false) return undefined;
  const given = options === true ? {} : options;
  const tenant = given.tenant ?? 'operator';
  if (typeof tenant !== 'string' || tenant.length === 0)
    throw new WebhookConfigError('createSender: `operationalEvents.tenant` must be a non-empty string.');
  const failingAfter = given.failingAfter ?? 5;
  if (!Number.isSafeInteger(failingAfter) || failingAfter < 1)
    throw new WebhookConfigError(
      'createSender: `operationalEvents.failingAfter` must be a whole number ≥ 1.',
    );
  return { tenant, failingAfter };
}

type Publish = (
  type: OperationalEventType,
  data: Record<string, unknown>,
  tenant: string,
) => Promise<unknown>;

/** A URL as operational events show it: no query (it may carry a token), no credentials. */
function urlWithoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}

/**
 * Publishes the sender's own events (`subscription.disabled`, `subscription.failing`,
 * `subscription.recovered`, `delivery.failed`) to the operator's tenant, through the same
 * publish, queue, signing and retries as any event. Off unless `operationalEvents` is set.
 */
export class OperationalEvents {
  private publish: Publish | undefined;

  constructor(
    readonly settings: OperationalSettings | undefined,
    private readonly report: (error: unknown) => void,
  ) {}

  /** The publisher exists after the parts that report events: bound once the sender is built. */
  bind(publish: Publish): void {
    this.publish = publish;
  }

  /** Whether events about this subscription go out (never about the operator tenant's own). */
  covers(subscription: Pick<Subscription, 'tenant'>): boolean {
    return this.settings !== undefined && subscription.tenant !== this.settings.tenant;
  }

  disabled(subscription: Subscription, reason: string): void {
    this.emit(subscription, 'subscription.disabled', { reason });
  }

  failing(subscription: Subscription, failures: number, lastError: string | undefined): void {
    this.emit(subscription, 'subscription.failing', {
      consecutiveFailures: failures,
      failingSince:
        subscription.failingSince === undefined ? null : new Date(subscription.failingSince).toISOString(),
      lastError: lastError ?? null,
    });
  }

  recovered(subscription: Subscription): void {
    this.emit(subscription, 'subscription.recovered', {});
  }

  deliveryFailed(subscription: Subscription, delivery: Delivery): void {
    this.emit(subscription, 'delivery.failed', {
      deliveryId: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      attempts: delivery.attempts,
      lastStatus: delivery.lastStatus ?? null,
      lastError: delivery.lastError ?? null,
    });
  }

  private emit(subscription: Subscription, type: OperationalEventType, data: Record<string, unknown>): void {
    if (!this.covers(subscription) || !this.publish) return;
    const body = {
      subscriptionId: subscription.id,
      tenant: subscription.tenant,
      url: urlWithoutQuery(subscription.url),
      ...data,
    };
    this.publish(type, body, this.settings!.tenant).catch(this.report);
  }
}
