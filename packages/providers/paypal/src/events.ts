/** A HATEOAS link, as PayPal puts them on every resource. */
export interface PayPalLink {
  href: string;
  rel: string;
  method?: string;
}

export interface PayPalMoney {
  currency_code: string;
  value: string;
}

/** The envelope of every PayPal webhook (`event_version` 1.0). */
export interface PayPalWebhookEvent<TResource = Record<string, unknown>> {
  /** The event id (`WH-…`): the same on every retry of this event. */
  id: string;
  event_version?: string;
  create_time: string;
  resource_type: string;
  resource_version?: string;
  event_type: string;
  summary?: string;
  resource: TResource;
  links?: PayPalLink[];
  [key: string]: unknown;
}

/** Payments v2 capture (`PAYMENT.CAPTURE.*`). */
export interface PayPalCapture {
  id: string;
  status: 'COMPLETED' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'PENDING' | 'REFUNDED' | 'FAILED' | string;
  amount: PayPalMoney;
  final_capture?: boolean;
  invoice_id?: string;
  custom_id?: string;
  seller_receivable_breakdown?: Record<string, unknown>;
  supplementary_data?: { related_ids?: { order_id?: string; authorization_id?: string } };
  create_time: string;
  update_time: string;
  links?: PayPalLink[];
  [key: string]: unknown;
}

/** Payments v2 refund (`PAYMENT.CAPTURE.REFUNDED` carries the refund). */
export interface PayPalRefund {
  id: string;
  status: string;
  amount: PayPalMoney;
  invoice_id?: string;
  custom_id?: string;
  create_time: string;
  update_time: string;
  links?: PayPalLink[];
  [key: string]: unknown;
}

/** Orders v2 (`CHECKOUT.ORDER.*`). */
export interface PayPalOrder {
  id: string;
  intent: 'CAPTURE' | 'AUTHORIZE';
  status: string;
  purchase_units?: {
    reference_id?: string;
    custom_id?: string;
    invoice_id?: string;
    amount?: PayPalMoney;
    [key: string]: unknown;
  }[];
  payer?: { payer_id?: string; email_address?: string; name?: { given_name?: string; surname?: string } };
  create_time: string;
  update_time?: string;
  links?: PayPalLink[];
  [key: string]: unknown;
}

/** Subscriptions (`BILLING.SUBSCRIPTION.*`). */
export interface PayPalSubscription {
  id: string;
  plan_id: string;
  status: 'APPROVAL_PENDING' | 'APPROVED' | 'ACTIVE' | 'SUSPENDED' | 'CANCELLED' | 'EXPIRED' | string;
  custom_id?: string;
  start_time?: string;
  subscriber?: { email_address?: string; payer_id?: string; [key: string]: unknown };
  billing_info?: Record<string, unknown>;
  create_time: string;
  update_time?: string;
  links?: PayPalLink[];
  [key: string]: unknown;
}

/** Disputes (`CUSTOMER.DISPUTE.*`). */
export interface PayPalDispute {
  dispute_id: string;
  reason: string;
  status: string;
  dispute_amount?: PayPalMoney;
  create_time: string;
  update_time?: string;
  [key: string]: unknown;
}

/** Payments v1 sale (`PAYMENT.SALE.*`, the classic REST API). */
export interface PayPalSale {
  id: string;
  state: string;
  amount: { total: string; currency: string; details?: Record<string, string> };
  parent_payment?: string;
  create_time: string;
  update_time?: string;
  [key: string]: unknown;
}

/**
 * Payload types of common events, keyed by `event_type` exactly as PayPal sends it. Any other
 * event type still arrives, with a loosely typed resource.
 */
export type PayPalEvents = {
  'PAYMENT.CAPTURE.COMPLETED': PayPalWebhookEvent<PayPalCapture>;
  'PAYMENT.CAPTURE.PENDING': PayPalWebhookEvent<PayPalCapture>;
  'PAYMENT.CAPTURE.DENIED': PayPalWebhookEvent<PayPalCapture>;
  'PAYMENT.CAPTURE.DECLINED': PayPalWebhookEvent<PayPalCapture>;
  'PAYMENT.CAPTURE.REFUNDED': PayPalWebhookEvent<PayPalRefund>;
  'PAYMENT.CAPTURE.REVERSED': PayPalWebhookEvent<PayPalRefund>;
  'CHECKOUT.ORDER.APPROVED': PayPalWebhookEvent<PayPalOrder>;
  'CHECKOUT.ORDER.COMPLETED': PayPalWebhookEvent<PayPalOrder>;
  'BILLING.SUBSCRIPTION.CREATED': PayPalWebhookEvent<PayPalSubscription>;
  'BILLING.SUBSCRIPTION.ACTIVATED': PayPalWebhookEvent<PayPalSubscription>;
  'BILLING.SUBSCRIPTION.UPDATED': PayPalWebhookEvent<PayPalSubscription>;
  'BILLING.SUBSCRIPTION.CANCELLED': PayPalWebhookEvent<PayPalSubscription>;
  'BILLING.SUBSCRIPTION.SUSPENDED': PayPalWebhookEvent<PayPalSubscription>;
  'BILLING.SUBSCRIPTION.EXPIRED': PayPalWebhookEvent<PayPalSubscription>;
  'BILLING.SUBSCRIPTION.PAYMENT.FAILED': PayPalWebhookEvent<PayPalSubscription>;
  'CUSTOMER.DISPUTE.CREATED': PayPalWebhookEvent<PayPalDispute>;
  'CUSTOMER.DISPUTE.UPDATED': PayPalWebhookEvent<PayPalDispute>;
  'CUSTOMER.DISPUTE.RESOLVED': PayPalWebhookEvent<PayPalDispute>;
  'PAYMENT.SALE.COMPLETED': PayPalWebhookEvent<PayPalSale>;
  'PAYMENT.SALE.REFUNDED': PayPalWebhookEvent<PayPalSale>;
  'PAYMENT.SALE.REVERSED': PayPalWebhookEvent<PayPalSale>;
};

export type PayPalEventName = keyof PayPalEvents;
