/**
 * Minimal, hand-written payload types for Stripe's common webhook events. They cover fields that
 * have kept their shape across API versions; fields an API version moved (e.g. an invoice's
 * subscription) are left out, and every object also allows other fields as `unknown`. For the
 * full types of your pinned API version, use the `stripe` SDK's own: `stripe<StripeEventMap<Stripe.Event>>()`.
 */

export type StripeMetadata = Record<string, string>;

/** The envelope of every snapshot event. `data.object` is the object the event is about. */
export interface StripeEvent<TType extends string = string, TObject = StripeObject> {
  id: string;
  object: 'event';
  type: TType;
  api_version: string | null;
  created: number;
  livemode: boolean;
  pending_webhooks: number;
  data: { object: TObject; previous_attributes?: Record<string, unknown> };
  request: { id: string | null; idempotency_key: string | null } | null;
  /** The connected account, on events sent to a Connect endpoint. */
  account?: string;
}

export interface StripeObject {
  id: string;
  object: string;
  [field: string]: unknown;
}

export interface StripeCheckoutSession extends StripeObject {
  object: 'checkout.session';
  mode: 'payment' | 'setup' | 'subscription';
  status: 'open' | 'complete' | 'expired' | null;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  amount_subtotal: number | null;
  amount_total: number | null;
  currency: string | null;
  client_reference_id: string | null;
  customer: string | null;
  customer_email: string | null;
  customer_details: { email: string | null; name: string | null; phone?: string | null } | null;
  payment_intent: string | null;
  subscription: string | null;
  invoice: string | null;
  metadata: StripeMetadata | null;
  created: number;
  livemode: boolean;
}

export interface StripePaymentError {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
  [field: string]: unknown;
}

export interface StripePaymentIntent extends StripeObject {
  object: 'payment_intent';
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'requires_capture'
    | 'canceled'
    | 'succeeded';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  description: string | null;
  latest_charge: string | null;
  last_payment_error: StripePaymentError | null;
  payment_method: string | null;
  receipt_email: string | null;
  metadata: StripeMetadata;
  created: number;
  livemode: boolean;
}

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export interface StripeInvoice extends StripeObject {
  object: 'invoice';
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void' | null;
  number: string | null;
  billing_reason: string | null;
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  subtotal: number;
  total: number;
  attempt_count: number;
  customer: string | null;
  customer_email: string | null;
  hosted_invoice_url?: string | null;
  invoice_pdf?: string | null;
  period_start: number;
  period_end: number;
  lines: StripeList<StripeObject & { object: 'line_item'; amount: number; currency: string }>;
  metadata: StripeMetadata | null;
  created: number;
  livemode: boolean;
}

export interface StripePrice extends StripeObject {
  object: 'price';
  currency: string;
  unit_amount: number | null;
  product: string;
  lookup_key: string | null;
  recurring: { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number } | null;
  metadata: StripeMetadata;
}

export interface StripeSubscription extends StripeObject {
  object: 'subscription';
  status:
    | 'incomplete'
    | 'incomplete_expired'
    | 'trialing'
    | 'active'
    | 'past_due'
    | 'canceled'
    | 'unpaid'
    | 'paused';
  customer: string;
  currency: string;
  items: StripeList<StripeObject & { object: 'subscription_item'; price: StripePrice; quantity?: number }>;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  latest_invoice: string | null;
  start_date: number;
  trial_start: number | null;
  trial_end: number | null;
  metadata: StripeMetadata;
  created: number;
  livemode: boolean;
}

export interface StripeCharge extends StripeObject {
  object: 'charge';
  status: 'succeeded' | 'pending' | 'failed';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  paid: boolean;
  refunded: boolean;
  customer: string | null;
  description: string | null;
  payment_intent: string | null;
  receipt_url: string | null;
  failure_code: string | null;
  failure_message: string | null;
  billing_details: {
    email: string | null;
    name: string | null;
    phone: string | null;
    [field: string]: unknown;
  };
  metadata: StripeMetadata;
  created: number;
  livemode: boolean;
}

type Events<TObject, TTypes extends string> = { [K in TTypes]: StripeEvent<K, TObject> };

/** Payload types by event name; other events still arrive, with `unknown` payloads. */
export type StripeEvents = Events<
  StripeCheckoutSession,
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed'
  | 'checkout.session.expired'
> &
  Events<
    StripePaymentIntent,
    | 'payment_intent.created'
    | 'payment_intent.processing'
    | 'payment_intent.succeeded'
    | 'payment_intent.payment_failed'
    | 'payment_intent.canceled'
  > &
  Events<
    StripeInvoice,
    | 'invoice.created'
    | 'invoice.finalized'
    | 'invoice.paid'
    | 'invoice.payment_succeeded'
    | 'invoice.payment_failed'
    | 'invoice.upcoming'
  > &
  Events<
    StripeSubscription,
    | 'customer.subscription.created'
    | 'customer.subscription.updated'
    | 'customer.subscription.deleted'
    | 'customer.subscription.paused'
    | 'customer.subscription.resumed'
    | 'customer.subscription.trial_will_end'
  > &
  Events<StripeCharge, 'charge.succeeded' | 'charge.failed' | 'charge.refunded' | 'charge.captured'>;

export type StripeEventName = keyof StripeEvents;

/**
 * An event map from a union of event types discriminated by `type`, such as the `stripe` SDK's
 * `Stripe.Event`: `stripe<StripeEventMap<Stripe.Event>>({ secret })` types every event of your
 * SDK's API version.
 */
export type StripeEventMap<TEvent extends { type: string }> = {
  [K in TEvent['type']]: Extract<TEvent, { type: K }>;
};
