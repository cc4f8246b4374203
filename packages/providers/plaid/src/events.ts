/** Fields every Plaid webhook body has. */
export interface PlaidWebhookBase<TType extends string = string, TCode extends string = string> {
  webhook_type: TType;
  webhook_code: TCode;
  item_id?: string;
  environment?: 'sandbox' | 'production' | string;
  error?: {
    error_type: string;
    error_code: string;
    error_message: string;
    display_message: string | null;
  } | null;
  [field: string]: unknown;
}

export interface PlaidSyncUpdatesAvailable
  extends PlaidWebhookBase<'TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE'> {
  item_id: string;
  initial_update_complete: boolean;
  historical_update_complete: boolean;
}

export interface PlaidTransactionsUpdate<TCode extends string>
  extends PlaidWebhookBase<'TRANSACTIONS', TCode> {
  item_id: string;
  new_transactions: number;
}

export interface PlaidTransactionsRemoved extends PlaidWebhookBase<'TRANSACTIONS', 'TRANSACTIONS_REMOVED'> {
  item_id: string;
  removed_transactions: string[];
}

export interface PlaidItemWebhook<TCode extends string> extends PlaidWebhookBase<'ITEM', TCode> {
  item_id: string;
}

/** Payload types by Hookwire event name, `<webhook_type>.<webhook_code>`. Others still arrive. */
export type PlaidEvents = {
  'TRANSACTIONS.SYNC_UPDATES_AVAILABLE': PlaidSyncUpdatesAvailable;
  'TRANSACTIONS.INITIAL_UPDATE': PlaidTransactionsUpdate<'INITIAL_UPDATE'>;
  'TRANSACTIONS.HISTORICAL_UPDATE': PlaidTransactionsUpdate<'HISTORICAL_UPDATE'>;
  'TRANSACTIONS.DEFAULT_UPDATE': PlaidTransactionsUpdate<'DEFAULT_UPDATE'>;
  'TRANSACTIONS.TRANSACTIONS_REMOVED': PlaidTransactionsRemoved;
  'TRANSACTIONS.RECURRING_TRANSACTIONS_UPDATE': PlaidWebhookBase<
    'TRANSACTIONS',
    'RECURRING_TRANSACTIONS_UPDATE'
  >;
  'ITEM.ERROR': PlaidItemWebhook<'ERROR'>;
  'ITEM.LOGIN_REPAIRED': PlaidItemWebhook<'LOGIN_REPAIRED'>;
  'ITEM.NEW_ACCOUNTS_AVAILABLE': PlaidItemWebhook<'NEW_ACCOUNTS_AVAILABLE'>;
  'ITEM.PENDING_DISCONNECT': PlaidItemWebhook<'PENDING_DISCONNECT'> & { reason: string };
  'ITEM.PENDING_EXPIRATION': PlaidItemWebhook<'PENDING_EXPIRATION'> & { consent_expiration_time: string };
  'ITEM.USER_PERMISSION_REVOKED': PlaidItemWebhook<'USER_PERMISSION_REVOKED'>;
  'ITEM.USER_ACCOUNT_REVOKED': PlaidItemWebhook<'USER_ACCOUNT_REVOKED'> & { account_id: string };
  'ITEM.WEBHOOK_UPDATE_ACKNOWLEDGED': PlaidItemWebhook<'WEBHOOK_UPDATE_ACKNOWLEDGED'> & {
    new_webhook_url: string;
  };
  'AUTH.AUTOMATICALLY_VERIFIED': PlaidWebhookBase<'AUTH', 'AUTOMATICALLY_VERIFIED'> & { account_id: string };
  'AUTH.VERIFICATION_EXPIRED': PlaidWebhookBase<'AUTH', 'VERIFICATION_EXPIRED'> & { account_id: string };
  'HOLDINGS.DEFAULT_UPDATE': PlaidWebhookBase<'HOLDINGS', 'DEFAULT_UPDATE'>;
  'INVESTMENTS_TRANSACTIONS.DEFAULT_UPDATE': PlaidWebhookBase<'INVESTMENTS_TRANSACTIONS', 'DEFAULT_UPDATE'>;
  'LIABILITIES.DEFAULT_UPDATE': PlaidWebhookBase<'LIABILITIES', 'DEFAULT_UPDATE'>;
  'TRANSFER.TRANSFER_EVENTS_UPDATE': PlaidWebhookBase<'TRANSFER', 'TRANSFER_EVENTS_UPDATE'>;
};
