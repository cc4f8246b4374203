/** Common Connect (JSON SIM) event names; any other event still arrives. */
export type DocuSignEventName =
  | 'envelope-created'
  | 'envelope-sent'
  | 'envelope-resent'
  | 'envelope-delivered'
  | 'envelope-completed'
  | 'envelope-declined'
  | 'envelope-voided'
  | 'envelope-corrected'
  | 'envelope-purge'
  | 'envelope-deleted'
  | 'envelope-discard'
  | 'recipient-sent'
  | 'recipient-autoresponded'
  | 'recipient-resent'
  | 'recipient-delivered'
  | 'recipient-completed'
  | 'recipient-declined'
  | 'recipient-authenticationfailed'
  | 'recipient-delegate'
  | 'recipient-reassign'
  | 'recipient-finish-later'
  | 'template-created'
  | 'template-modified'
  | 'template-deleted';

/** The body of a Connect message in the JSON SIM format. */
export interface DocuSignConnectEvent<TEvent extends string = DocuSignEventName> {
  event: TEvent;
  apiVersion: string;
  uri: string;
  retryCount: number;
  configurationId: number;
  generatedDateTime: string;
  data: {
    accountId: string;
    userId?: string;
    envelopeId: string;
    /** Present on recipient events. */
    recipientId?: string;
    /** Present when the Connect configuration asks for it. */
    envelopeSummary?: Record<string, unknown>;
    [field: string]: unknown;
  };
}

/** Payload types by Hookwire event name (the body's `event`). */
export type DocuSignEvents = { [E in DocuSignEventName]: DocuSignConnectEvent<E> };
