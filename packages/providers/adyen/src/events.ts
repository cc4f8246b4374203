/** One item of a standard (classic) notification: the part Adyen signs and Hookwire emits as an event. */
export interface AdyenNotificationRequestItem<TCode extends string = string> {
  additionalData?: Record<string, string> & { hmacSignature?: string };
  amount: { value: number; currency: string };
  eventCode: TCode;
  eventDate: string;
  merchantAccountCode: string;
  merchantReference: string;
  originalReference?: string;
  paymentMethod?: string;
  pspReference: string;
  reason?: string;
  /** `"true"` or `"false"`, a string. */
  success: 'true' | 'false';
  operations?: string[];
  [key: string]: unknown;
}

/** The body of a standard notification: one or more items, each signed on its own. */
export interface AdyenNotification {
  live: 'true' | 'false';
  notificationItems: { NotificationRequestItem: AdyenNotificationRequestItem }[];
}

/** The body of a Balance Platform (and Management, Transfer…) webhook, signed as a whole. */
export interface AdyenBalancePlatformWebhook<TType extends string = string, TData = Record<string, unknown>> {
  type: TType;
  environment: 'test' | 'live';
  timestamp?: string;
  data: TData;
}

type Item<T extends string> = AdyenNotificationRequestItem<T>;

/** Payload types of common standard notifications, keyed by `eventCode`. Balance Platform events are keyed by `type`. */
export type AdyenEvents = {
  AUTHORISATION: Item<'AUTHORISATION'>;
  AUTHORISATION_ADJUSTMENT: Item<'AUTHORISATION_ADJUSTMENT'>;
  CANCELLATION: Item<'CANCELLATION'>;
  CANCEL_OR_REFUND: Item<'CANCEL_OR_REFUND'>;
  CAPTURE: Item<'CAPTURE'>;
  CAPTURE_FAILED: Item<'CAPTURE_FAILED'>;
  CHARGEBACK: Item<'CHARGEBACK'>;
  CHARGEBACK_REVERSED: Item<'CHARGEBACK_REVERSED'>;
  NOTIFICATION_OF_CHARGEBACK: Item<'NOTIFICATION_OF_CHARGEBACK'>;
  SECOND_CHARGEBACK: Item<'SECOND_CHARGEBACK'>;
  OFFER_CLOSED: Item<'OFFER_CLOSED'>;
  ORDER_OPENED: Item<'ORDER_OPENED'>;
  ORDER_CLOSED: Item<'ORDER_CLOSED'>;
  PENDING: Item<'PENDING'>;
  RECURRING_CONTRACT: Item<'RECURRING_CONTRACT'>;
  REFUND: Item<'REFUND'>;
  REFUND_FAILED: Item<'REFUND_FAILED'>;
  REFUNDED_REVERSED: Item<'REFUNDED_REVERSED'>;
  REPORT_AVAILABLE: Item<'REPORT_AVAILABLE'>;
};

export type AdyenEventName = keyof AdyenEvents;
