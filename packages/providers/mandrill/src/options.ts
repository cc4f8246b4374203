import type { BaseReceiverOptions } from '@hookwire/core';

export interface MandrillOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The webhook's key (Settings → Webhooks at Mandrill); an array accepts several keys. */
  secret: string | string[];
  /**
   * The webhook URL exactly as registered at Mandrill; it is part of the signed data. Default: the
   * request URL the adapter built, which differs behind proxies that change scheme, host or path.
   */
  publicUrl?: string;
}
