import type { BaseReceiverOptions } from '@hookwire/core';

export interface PayPalOptions extends BaseReceiverOptions {
  /**
   * The webhook's id from the developer dashboard (or the Webhooks API): it is part of the signed
   * content. An array accepts several (a sandbox and a live webhook on one endpoint).
   */
  webhookId: string | string[];
  /**
   * Downloads the PEM certificate named by `PAYPAL-CERT-URL` (only ever called with an https URL on
   * PayPal's own API hosts). Default: the global `fetch`, no redirects, 10 s timeout. Inject one
   * to add a proxy, or to serve certificates from a store in an air-gapped network.
   */
  fetchCertificate?: (url: string) => Promise<string>;
  /**
   * Seconds the signed `PAYPAL-TRANSMISSION-TIME` may be off from now, either way. PayPal sets no
   * window; the default (300) is Hookwire's receiver policy.
   */
  tolerance?: number;
}
