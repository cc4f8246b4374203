import type { BaseReceiverOptions, WebhookRequest } from '@hookwire/core';

export interface HubSpotOptions extends BaseReceiverOptions {
  /** The app's client secret; an array accepts several during a rotation. */
  secret: string | string[];
  /**
   * The URL HubSpot requested, when this server sees another one (behind a proxy): a public base
   * URL (`https://hooks.example.com`; a path in it is put before the request's path unless that
   * path already starts with it; the query string is kept), or a function returning the full URL. v2 and v3 signatures cover the URL.
   */
  publicUrl?: string | ((request: WebhookRequest) => string);
  /**
   * Accept the v1 and v2 signatures (`X-HubSpot-Signature`) when the v3 header is absent. They
   * carry no timestamp, so a captured request can be replayed. Default `true`.
   */
  allowLegacy?: boolean;
  /** Seconds `X-HubSpot-Request-Timestamp` may be off, either way (v3). Default 300, as HubSpot says. */
  tolerance?: number;
}
