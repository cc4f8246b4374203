/**
 * Payload types of Shopify's common webhook topics (REST resource shapes, the fields most apps
 * read; every payload carries more). Keys are the `X-Shopify-Topic` values. Other topics still
 * arrive, typed `unknown`.
 */

type Extra = { [field: string]: unknown };

export interface ShopifyLineItem extends Extra {
  id: number;
  product_id: number | null;
  variant_id: number | null;
  title: string;
  quantity: number;
  price: string;
  sku: string | null;
}

export interface ShopifyCustomer extends Extra {
  id: number;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  created_at: string;
  updated_at: string;
  tags: string;
}

export interface ShopifyOrder extends Extra {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  email: string | null;
  created_at: string;
  updated_at: string;
  currency: string;
  total_price: string;
  subtotal_price: string;
  financial_status: string | null;
  fulfillment_status: string | null;
  line_items: ShopifyLineItem[];
  customer?: ShopifyCustomer | null;
}

export interface ShopifyProduct extends Extra {
  id: number;
  admin_graphql_api_id: string;
  title: string;
  handle: string;
  status: 'active' | 'archived' | 'draft';
  vendor: string;
  product_type: string;
  created_at: string;
  updated_at: string;
  tags: string;
  variants: Extra[];
}

export interface ShopifyShop extends Extra {
  id: number;
  name: string;
  email: string;
  domain: string;
  myshopify_domain: string;
}

/** `customers/data_request`: a customer asked the merchant for their data (mandatory compliance topic). */
export interface ShopifyCustomersDataRequest {
  shop_id: number;
  shop_domain: string;
  orders_requested: number[];
  customer: { id: number; email: string | null; phone: string | null };
  data_request: { id: number };
}

/** `customers/redact`: delete this customer's data (mandatory compliance topic). */
export interface ShopifyCustomersRedact {
  shop_id: number;
  shop_domain: string;
  customer: { id: number; email: string | null; phone: string | null };
  orders_to_redact: number[];
}

/** `shop/redact`: 48 hours after uninstall, delete the shop's data (mandatory compliance topic). */
export interface ShopifyShopRedact {
  shop_id: number;
  shop_domain: string;
}

export type ShopifyEvents = {
  'customers/data_request': ShopifyCustomersDataRequest;
  'customers/redact': ShopifyCustomersRedact;
  'shop/redact': ShopifyShopRedact;
  'app/uninstalled': ShopifyShop;
  'orders/create': ShopifyOrder;
  'orders/updated': ShopifyOrder;
  'orders/paid': ShopifyOrder;
  'orders/cancelled': ShopifyOrder;
  'orders/fulfilled': ShopifyOrder;
  'products/create': ShopifyProduct;
  'products/update': ShopifyProduct;
  'products/delete': { id: number };
  'customers/create': ShopifyCustomer;
  'customers/update': ShopifyCustomer;
};

export type ShopifyTopic = keyof ShopifyEvents;
