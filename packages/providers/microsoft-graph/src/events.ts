export type GraphChangeType = 'created' | 'updated' | 'deleted';
export type GraphLifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

interface GraphNotificationBase {
  id?: string;
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  clientState?: string;
  tenantId: string;
  resource?: string;
}

/** A change notification: something was created, updated or deleted. */
export interface GraphChangeNotification<TChange extends GraphChangeType = GraphChangeType>
  extends GraphNotificationBase {
  changeType: TChange;
  resource: string;
  resourceData?: {
    '@odata.type'?: string;
    '@odata.id'?: string;
    '@odata.etag'?: string;
    id?: string;
    [field: string]: unknown;
  };
  /** Rich notifications only (`includeResourceData`), encrypted with your certificate. */
  encryptedContent?: {
    data: string;
    dataKey: string;
    dataSignature: string;
    encryptionCertificateId: string;
    encryptionCertificateThumbprint: string;
  };
}

/** A lifecycle notification about the subscription itself. */
export interface GraphLifecycleNotification<TEvent extends GraphLifecycleEvent = GraphLifecycleEvent>
  extends GraphNotificationBase {
  lifecycleEvent: TEvent;
}

/** The body Microsoft Graph posts: a batch of notifications. */
export interface GraphNotificationCollection {
  value: (GraphChangeNotification | GraphLifecycleNotification)[];
  /** Rich notifications only: JWTs to validate (not checked by this receiver; see the README). */
  validationTokens?: string[];
}

/** Payload types by Hookwire event name: the `changeType`, or the `lifecycleEvent`. */
export type MicrosoftGraphEvents = { [C in GraphChangeType]: GraphChangeNotification<C> } & {
  [L in GraphLifecycleEvent]: GraphLifecycleNotification<L>;
};
