/** A Lemon Squeezy webhook body: a JSON:API resource object plus `meta`. */
export interface LemonSqueezyWebhook<
  TEvent extends string = string,
  TType extends string = string,
  TAttributes = Record<string, unknown>,
> {
  meta: {
    event_name: TEvent;
    test_mode?: boolean;
    webhook_id?: string;
    /** The `checkout[custom]` data passed at checkout. */
    custom_data?: Record<string, unknown>;
  };
  data: {
    type: TType;
    id: string;
    attributes: TAttributes;
    relationships?: Record<string, unknown>;
    links?: Record<string, unknown>;
  };
}

export interface LemonSqueezyOrderAttributes {
  store_id: number;
  customer_id: number;
  identifier: string;
  order_number: number;
  user_name: string;
  user_email: string;
  currency: string;
  status: 'pending' | 'failed' | 'paid' | 'refunded' | 'partial_refund' | 'fraudulent';
  total: number;
  refunded: boolean;
  test_mode: boolean;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

export interface LemonSqueezySubscriptionAttributes {
  store_id: number;
  customer_id: number;
  order_id: number;
  product_id: number;
  variant_id: number;
  user_name: string;
  user_email: string;
  status: 'on_trial' | 'active' | 'paused' | 'past_due' | 'unpaid' | 'cancelled' | 'expired';
  cancelled: boolean;
  renews_at: string | null;
  ends_at: string | null;
  trial_ends_at: string | null;
  test_mode: boolean;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

export interface LemonSqueezyInvoiceAttributes {
  store_id: number;
  subscription_id: number;
  customer_id: number;
  billing_reason: 'initial' | 'renewal' | 'updated';
  status: 'pending' | 'paid' | 'void' | 'refunded' | 'partial_refund';
  total: number;
  currency: string;
  test_mode: boolean;
  [key: string]: unknown;
}

type Order<E extends string> = LemonSqueezyWebhook<E, 'orders', LemonSqueezyOrderAttributes>;
type Subscription<E extends string> = LemonSqueezyWebhook<
  E,
  'subscriptions',
  LemonSqueezySubscriptionAttributes
>;
type Invoice<E extends string> = LemonSqueezyWebhook<
  E,
  'subscription-invoices',
  LemonSqueezyInvoiceAttributes
>;

/** Payload types of Lemon Squeezy's webhook events, keyed by `meta.event_name`. */
export type LemonSqueezyEvents = {
  order_created: Order<'order_created'>;
  order_refunded: Order<'order_refunded'>;
  subscription_created: Subscription<'subscription_created'>;
  subscription_updated: Subscription<'subscription_updated'>;
  subscription_cancelled: Subscription<'subscription_cancelled'>;
  subscription_resumed: Subscription<'subscription_resumed'>;
  subscription_expired: Subscription<'subscription_expired'>;
  subscription_paused: Subscription<'subscription_paused'>;
  subscription_unpaused: Subscription<'subscription_unpaused'>;
  subscription_payment_success: Invoice<'subscription_payment_success'>;
  subscription_payment_failed: Invoice<'subscription_payment_failed'>;
  subscription_payment_recovered: Invoice<'subscription_payment_recovered'>;
  subscription_payment_refunded: Invoice<'subscription_payment_refunded'>;
  license_key_created: LemonSqueezyWebhook<'license_key_created', 'license-keys'>;
  license_key_updated: LemonSqueezyWebhook<'license_key_updated', 'license-keys'>;
  affiliate_activated: LemonSqueezyWebhook<'affiliate_activated', 'affiliates'>;
};

export type LemonSqueezyEventName = keyof LemonSqueezyEvents;
