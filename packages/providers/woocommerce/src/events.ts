/** Fields common to WooCommerce REST resources; the rest of each resource is kept as sent. */
interface Resource {
  id: number;
  date_created: string;
  date_modified: string;
  meta_data?: { id: number; key: string; value: unknown }[];
  [field: string]: unknown;
}

export interface WooCommerceAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone?: string;
}

/** An order as the WooCommerce REST API (v3) serialises it. */
export interface WooCommerceOrder extends Resource {
  parent_id: number;
  number: string;
  order_key: string;
  status: string;
  currency: string;
  total: string;
  total_tax: string;
  customer_id: number;
  billing: WooCommerceAddress;
  shipping: WooCommerceAddress;
  payment_method: string;
  payment_method_title: string;
  date_paid: string | null;
  line_items: {
    id: number;
    name: string;
    product_id: number;
    variation_id: number;
    quantity: number;
    sku: string;
    subtotal: string;
    total: string;
    price: number;
  }[];
}

export interface WooCommerceProduct extends Resource {
  name: string;
  slug: string;
  type: string;
  status: string;
  sku: string;
  price: string;
  regular_price: string;
  sale_price: string;
  stock_status: string;
  stock_quantity: number | null;
  permalink: string;
}

export interface WooCommerceCustomer extends Resource {
  email: string;
  first_name: string;
  last_name: string;
  username: string;
  role: string;
  billing: WooCommerceAddress;
  shipping: WooCommerceAddress;
}

export interface WooCommerceCoupon extends Resource {
  code: string;
  amount: string;
  discount_type: string;
  description: string;
  date_expires: string | null;
  usage_count: number;
}

/** A `*.deleted` delivery carries only the id. */
export interface WooCommerceDeleted {
  id: number;
}

/** An `action.*` topic carries the action hook's name and first argument. */
export interface WooCommerceAction {
  action: string;
  arg: unknown;
}

/** Payloads by topic (`X-WC-Webhook-Topic`), the Hookwire event name. */
export type WooCommerceEvents = {
  'order.created': WooCommerceOrder;
  'order.updated': WooCommerceOrder;
  'order.restored': WooCommerceOrder;
  'order.deleted': WooCommerceDeleted;
  'product.created': WooCommerceProduct;
  'product.updated': WooCommerceProduct;
  'product.restored': WooCommerceProduct;
  'product.deleted': WooCommerceDeleted;
  'customer.created': WooCommerceCustomer;
  'customer.updated': WooCommerceCustomer;
  'customer.deleted': WooCommerceDeleted;
  'coupon.created': WooCommerceCoupon;
  'coupon.updated': WooCommerceCoupon;
  'coupon.restored': WooCommerceCoupon;
  'coupon.deleted': WooCommerceDeleted;
} & { [topic: `action.${string}`]: WooCommerceAction };
