import type { Delivery, DeliveryAttempt, StoredEvent, Subscription } from './types.js';

export interface DeliveryHookContext {
  delivery: Delivery;
  event: StoredEvent;
  /** The subscription without its secrets. */
  subscription: Omit<Subscription, 'secrets'>;
  attempt?: DeliveryAttempt;
}

/**
 * Notifications for the operator. They run after the outcome is stored; an error thrown (or a
 * promise rejected) in a hook goes to `onError` and never changes or delays delivery.
 */
export interface SenderHooks {
  onDeliverySucceeded?(context: DeliveryHookContext): unknown;
  /** The delivery will not be attempted again (schedule exhausted, 410 Gone, subscription disabled). */
  onDeliveryFailed?(context: DeliveryHookContext): unknown;
  /** Every attempt, successful or not. */
  onAttempt?(context: DeliveryHookContext): unknown;
  onSubscriptionDisabled?(context: { subscription: Omit<Subscription, 'secrets'>; reason: string }): unknown;
  /** A hook threw, or the worker met a store or queue error (it keeps going). */
  onError?(error: unknown): unknown;
}

export function withoutSecrets(subscription: Subscription): Omit<Subscription, 'secrets'> {
  const { secrets: _secrets, ...rest } = subscription;
  return rest;
}

/** Runs a hook so that nothing it does can break the caller. */
export function runHook<T>(
  hooks: SenderHooks,
  hook: ((context: T) => unknown) | undefined,
  context: T,
): void {
  if (!hook) return;
  const report = (error: unknown) => {
    try {
      hooks.onError?.(error);
    } catch {
      // An onError that throws has nowhere left to report to.
    }
  };
  try {
    const result = hook(context);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(undefined, report);
  } catch (error) {
    report(error);
  }
}
