export type XeroEventCategory = 'CONTACT' | 'INVOICE' | 'CREDITNOTE' | 'SUBSCRIPTION';
export type XeroEventType = 'CREATE' | 'UPDATE';

/** One item of a Xero webhook's `events` array (Xero's webhooks OpenAPI description). */
export interface XeroWebhookEvent<
  TCategory extends string = XeroEventCategory,
  TType extends string = XeroEventType,
> {
  /** The API URL of the resource that changed: fetch it to see the change. */
  resourceUrl: string;
  resourceId: string;
  eventDateUtc: string;
  eventType: TType;
  eventCategory: TCategory;
  /** The organisation (or, for subscription events, the application) the event is about. */
  tenantId: string;
  tenantType: 'ORGANISATION' | 'APPLICATION';
  /** Extra data some categories carry (credit notes: `Type`, `Status`). */
  data?: Record<string, unknown>;
}

/** The body of a Xero webhook: a batch of events (empty for "intent to receive" requests). */
export interface XeroWebhookPayload {
  events: XeroWebhookEvent[];
  firstEventSequence: number;
  lastEventSequence: number;
  entropy: string;
}

/** Payload types by Hookwire event name, `<eventCategory>.<eventType>`. */
export type XeroEvents = {
  [N in `${XeroEventCategory}.${XeroEventType}`]: N extends `${infer C}.${infer T}`
    ? XeroWebhookEvent<C, T>
    : never;
};
