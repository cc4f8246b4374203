/**
 * HubSpot webhook events: the body is an array, each element one event named by its
 * `subscriptionType` (`contact.creation`, `deal.propertyChange`, `object.creation`).
 */

export interface HubSpotEvent<TType extends string = string> {
  /** HubSpot notes it is not guaranteed unique; Hookwire uses it as the delivery id. */
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  /** Milliseconds since the epoch. */
  occurredAt: number;
  subscriptionType: TType;
  attemptNumber: number;
  objectId: number;
  /** For `object.*` subscriptions: the object type (`0-1` contacts, `0-2` companies…). */
  objectTypeId?: string;
  changeSource?: string;
  changeFlag?: string;
  sourceId?: string;
  [field: string]: unknown;
}

export interface HubSpotPropertyChangeEvent<TType extends string = string> extends HubSpotEvent<TType> {
  propertyName: string;
  propertyValue: string;
}

type ObjectType = 'contact' | 'company' | 'deal' | 'ticket' | 'product' | 'line_item';
type Change = 'creation' | 'deletion' | 'merge' | 'restore' | 'associationChange';

export type HubSpotEvents = {
  [K in `${ObjectType | 'object'}.${Change}`]: HubSpotEvent<K>;
} & {
  [K in `${ObjectType | 'object'}.propertyChange`]: HubSpotPropertyChangeEvent<K>;
} & {
  'contact.privacyDeletion': HubSpotEvent<'contact.privacyDeletion'>;
  /** A workflow webhook sent with GET: the query parameters of the URL (GET carries no body). */
  'workflow.get': Record<string, string>;
};
