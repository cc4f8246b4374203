import { standardPublicKeyOf } from '@hookwire/core';
import type { Delivery, DeliveryAttempt, Subscription } from '../types.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A subscription as the API shows it: never its secrets. */
export function subscriptionView(subscription: Subscription) {
  return {
    id: subscription.id,
    url: subscription.url,
    events: subscription.events,
    headers: subscription.headers,
    metadata: subscription.metadata,
    description: subscription.description ?? null,
    format: subscription.format,
    retrySchedule: subscription.retrySchedule ?? null,
    filter: subscription.filter ?? null,
    ordered: subscription.ordered === true,
    rateLimit: subscription.rateLimit ?? null,
    signing: subscription.signing ?? 'hmac',
    disabled: subscription.disabled,
    disabledReason: subscription.disabledReason ?? null,
    failingSince: subscription.failingSince === undefined ? null : iso(subscription.failingSince),
    createdAt: iso(subscription.createdAt),
    updatedAt: iso(subscription.updatedAt),
  };
}

/**
 * What a subscriber verifies with: the secret (hmac), or for ed25519 the `whpk_` public key of the
 * `whsk_` signing key, which never leaves the sender.
 */
export function credentialView(
  subscription: Subscription,
  secret: string,
): { secret: string } | { publicKey: string } {
  return subscription.signing === 'ed25519' ? { publicKey: standardPublicKeyOf(secret) } : { secret };
}

export function deliveryView(delivery: Delivery) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    subscriptionId: delivery.subscriptionId,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
    lastStatus: delivery.lastStatus ?? null,
    lastError: delivery.lastError ?? null,
    createdAt: iso(delivery.createdAt),
    updatedAt: iso(delivery.updatedAt),
  };
}

export function attemptView(attempt: DeliveryAttempt) {
  return {
    id: attempt.id,
    attempt: attempt.attempt,
    startedAt: iso(attempt.startedAt),
    durationMs: attempt.durationMs,
    status: attempt.status ?? null,
    error: attempt.error ?? null,
    responseExcerpt: attempt.responseExcerpt ?? null,
  };
}
