import type { BaseReceiverOptions, PublicUrl } from '@hookwire/core';

export interface MandrillOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The webhook's key (Settings → Webhooks at Mandrill); an array accepts several keys. */
  secret: string | string[];
  /**
   * The URL Mandrill requested, when this server sees another one (behind a proxy); it is part of
   * the signed data. A string is the public base URL (`https://hooks.example.com`; a path in it is
   * put before the request's path unless that path already starts with it; the query is kept); a
   * function returns the full URL as registered. Default: the request URL the adapter built.
   */
  publicUrl?: PublicUrl;
}
