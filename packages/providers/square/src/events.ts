/**
 * Square webhook notifications: `{ merchant_id, type, event_id, created_at, data: { type, id,
 * object } }`. `data.object` holds the affected object under its type (`{ payment: {...} }`).
 */

type Extra = { [field: string]: unknown };

export interface SquareMoney {
  amount: number;
  currency: string;
}

export interface SquareNotification<TType extends string = string, TObject = Extra> {
  merchant_id: string;
  type: TType;
  event_id: string;
  created_at: string;
  data: { type: string; id: string; object?: TObject; deleted?: boolean };
}

export interface SquarePayment extends Extra {
  id: string;
  status: string;
  amount_money: SquareMoney;
  order_id?: string;
  location_id: string;
  created_at: string;
  updated_at: string;
}

export interface SquareOrder extends Extra {
  order_id: string;
  state: string;
  location_id: string;
  version: number;
}

export interface SquareRefund extends Extra {
  id: string;
  status: string;
  amount_money: SquareMoney;
  payment_id: string;
}

export type SquareEvents = {
  'payment.created': SquareNotification<'payment.created', { payment: SquarePayment }>;
  'payment.updated': SquareNotification<'payment.updated', { payment: SquarePayment }>;
  'refund.created': SquareNotification<'refund.created', { refund: SquareRefund }>;
  'refund.updated': SquareNotification<'refund.updated', { refund: SquareRefund }>;
  'order.created': SquareNotification<'order.created', { order_created: SquareOrder }>;
  'order.updated': SquareNotification<'order.updated', { order_updated: SquareOrder }>;
  'customer.created': SquareNotification<'customer.created', { customer: Extra & { id: string } }>;
  'customer.updated': SquareNotification<'customer.updated', { customer: Extra & { id: string } }>;
  'customer.deleted': SquareNotification<'customer.deleted', { customer: Extra & { id: string } }>;
  'webhooks.test_notification': SquareNotification<'webhooks.test_notification'>;
};
