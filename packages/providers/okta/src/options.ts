import type { BaseReceiverOptions } from '@hookwire/core';

export interface OktaOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The header value set in the event hook's authentication field (Okta sends it verbatim with every
   * request). An array accepts several values while you change it.
   */
  secret: string | string[];
  /** The header name set in the event hook's authentication field (default `Authorization`). */
  headerName?: string;
}
