/**
 * Paddle Billing notifications: `{ event_id, event_type, occurred_at, notification_id, data }`,
 * named by `event_type`. `data` is the entity as the API returns it (the fields most integrations
 * read are typed; the rest are kept).
 */

type Extra = { [field: string]: unknown };

export interface PaddleNotification<TType extends string = string, TData = Extra> {
  event_id: string;
  event_type: TType;
  occurred_at: string;
  notification_id: string;
  data: TData;
}

export interface PaddleTransaction extends Extra {
  id: string;
  status: 'draft' | 'ready' | 'billed' | 'paid' | 'completed' | 'canceled' | 'past_due';
  customer_id: string | null;
  subscription_id: string | null;
  currency_code: string;
  origin: string;
  items: Extra[];
  details: Extra & { totals: Extra & { total: string; currency_code: string } };
  custom_data: Extra | null;
  created_at: string;
  billed_at: string | null;
}

export interface PaddleSubscription extends Extra {
  id: string;
  status: 'active' | 'canceled' | 'past_due' | 'paused' | 'trialing';
  customer_id: string;
  currency_code: string;
  items: Extra[];
  next_billed_at: string | null;
  scheduled_change: Extra | null;
  custom_data: Extra | null;
  created_at: string;
}

export interface PaddleCustomer extends Extra {
  id: string;
  email: string;
  name: string | null;
  status: 'active' | 'archived';
  created_at: string;
}

type TransactionEvent =
  | 'created'
  | 'updated'
  | 'ready'
  | 'billed'
  | 'paid'
  | 'completed'
  | 'canceled'
  | 'past_due'
  | 'payment_failed';
type SubscriptionEvent =
  | 'created'
  | 'activated'
  | 'updated'
  | 'canceled'
  | 'past_due'
  | 'paused'
  | 'resumed'
  | 'trialing'
  | 'imported';

export type PaddleEvents = {
  [E in TransactionEvent as `transaction.${E}`]: PaddleNotification<`transaction.${E}`, PaddleTransaction>;
} & {
  [E in SubscriptionEvent as `subscription.${E}`]: PaddleNotification<
    `subscription.${E}`,
    PaddleSubscription
  >;
} & {
  [E in 'created' | 'updated' | 'imported' as `customer.${E}`]: PaddleNotification<
    `customer.${E}`,
    PaddleCustomer
  >;
};
