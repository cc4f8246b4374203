/**
 * SendGrid Event Webhook events: each array element of the body is one event, named by its
 * `event` field. Fields vary by event type; the index signature keeps unique arguments and
 * custom fields.
 */

export type SendGridEventType =
  | 'processed'
  | 'dropped'
  | 'delivered'
  | 'deferred'
  | 'bounce'
  | 'open'
  | 'click'
  | 'spamreport'
  | 'unsubscribe'
  | 'group_unsubscribe'
  | 'group_resubscribe';

export interface SendGridEvent<TType extends string = SendGridEventType> {
  event: TType;
  email: string;
  /** Unix seconds. */
  timestamp: number;
  sg_event_id: string;
  sg_message_id?: string;
  'smtp-id'?: string;
  category?: string | string[];
  [field: string]: unknown;
}

export interface SendGridBounceEvent extends SendGridEvent<'bounce'> {
  reason?: string;
  status?: string;
  /** `bounce` or `blocked`. */
  type?: string;
}

export interface SendGridClickEvent extends SendGridEvent<'click'> {
  url: string;
  useragent?: string;
  ip?: string;
}

export type SendGridEvents = {
  processed: SendGridEvent<'processed'>;
  dropped: SendGridEvent<'dropped'> & { reason?: string };
  delivered: SendGridEvent<'delivered'> & { response?: string };
  deferred: SendGridEvent<'deferred'> & { response?: string; attempt?: string };
  bounce: SendGridBounceEvent;
  open: SendGridEvent<'open'> & { useragent?: string; ip?: string };
  click: SendGridClickEvent;
  spamreport: SendGridEvent<'spamreport'>;
  unsubscribe: SendGridEvent<'unsubscribe'>;
  group_unsubscribe: SendGridEvent<'group_unsubscribe'> & { asm_group_id?: number };
  group_resubscribe: SendGridEvent<'group_resubscribe'> & { asm_group_id?: number };
};
