/** The body of a Razorpay webhook: `payload` holds one `{ entity }` wrapper per affected resource. */
export interface RazorpayWebhook<
  TEvent extends string = string,
  TPayload = Record<string, { entity: Record<string, unknown> }>,
> {
  entity: 'event';
  account_id: string;
  event: TEvent;
  contains: string[];
  payload: TPayload;
  /** Unix seconds. */
  created_at: number;
}

export interface RazorpayPayment {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';
  order_id: string | null;
  method: string;
  captured: boolean;
  email?: string;
  contact?: string;
  notes: Record<string, string> | unknown[];
  error_code?: string | null;
  error_description?: string | null;
  created_at: number;
  [key: string]: unknown;
}

export interface RazorpayOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  status: 'created' | 'attempted' | 'paid';
  notes: Record<string, string> | unknown[];
  created_at: number;
  [key: string]: unknown;
}

export interface RazorpayRefund {
  id: string;
  entity: 'refund';
  amount: number;
  currency: string;
  payment_id: string;
  status: 'pending' | 'processed' | 'failed';
  created_at: number;
  [key: string]: unknown;
}

export interface RazorpaySubscription {
  id: string;
  entity: 'subscription';
  plan_id: string;
  customer_id?: string | null;
  status: string;
  current_start: number | null;
  current_end: number | null;
  [key: string]: unknown;
}

type Payment<E extends string> = RazorpayWebhook<E, { payment: { entity: RazorpayPayment } }>;
type Refund<E extends string> = RazorpayWebhook<
  E,
  { refund: { entity: RazorpayRefund }; payment: { entity: RazorpayPayment } }
>;
type Subscription<E extends string> = RazorpayWebhook<
  E,
  { subscription: { entity: RazorpaySubscription }; payment?: { entity: RazorpayPayment } }
>;

/** Payload types of Razorpay's common webhook events, keyed by `event`. */
export type RazorpayEvents = {
  'payment.authorized': Payment<'payment.authorized'>;
  'payment.captured': Payment<'payment.captured'>;
  'payment.failed': Payment<'payment.failed'>;
  'order.paid': RazorpayWebhook<
    'order.paid',
    { payment: { entity: RazorpayPayment }; order: { entity: RazorpayOrder } }
  >;
  'refund.created': Refund<'refund.created'>;
  'refund.processed': Refund<'refund.processed'>;
  'refund.failed': Refund<'refund.failed'>;
  'subscription.activated': Subscription<'subscription.activated'>;
  'subscription.charged': Subscription<'subscription.charged'>;
  'subscription.halted': Subscription<'subscription.halted'>;
  'subscription.cancelled': Subscription<'subscription.cancelled'>;
  'subscription.completed': Subscription<'subscription.completed'>;
};

export type RazorpayEventName = keyof RazorpayEvents;
