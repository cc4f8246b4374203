/** The body Coinbase Commerce posts: one delivery attempt wrapping one event. */
export interface CoinbaseCommerceWebhook<TType extends string = string, TData = Record<string, unknown>> {
  /** The delivery (notification) id. */
  id: string | number;
  scheduled_for: string;
  attempt_number: number;
  event: {
    id: string;
    resource: 'event';
    type: TType;
    api_version: string;
    created_at: string;
    data: TData;
  };
}

export interface CoinbaseCommerceCharge {
  id: string;
  code: string;
  resource: 'charge';
  name?: string;
  description?: string;
  hosted_url: string;
  created_at: string;
  expires_at?: string;
  pricing_type: 'no_price' | 'fixed_price';
  pricing?: Record<string, { amount: string; currency: string }>;
  metadata?: Record<string, unknown>;
  timeline?: { status: string; time: string; context?: string }[];
  payments?: Record<string, unknown>[];
  [key: string]: unknown;
}

type ChargeEvent = `charge:${'created' | 'pending' | 'confirmed' | 'failed' | 'delayed' | 'resolved'}`;

/** Payload types of Coinbase Commerce's charge events, keyed by `event.type`. */
export type CoinbaseCommerceEvents = {
  [T in ChargeEvent]: CoinbaseCommerceWebhook<T, CoinbaseCommerceCharge>;
};

export type CoinbaseCommerceEventName = keyof CoinbaseCommerceEvents;
