import type { BaseReceiverOptions } from '@hookwire/core';

export interface TrelloOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * Your Trello application's secret (the OAuth 1.0 secret shown beside the API key), not a user
   * token; an array accepts several during a rotation.
   */
  secret: string | string[];
  /**
   * The `callbackURL` exactly as it was given when the webhook was created (scheme, host, port,
   * path, query, trailing slash). Trello signs it, so behind a proxy that changes the URL this
   * server sees, set it here. Default: the request's absolute URL.
   */
  callbackUrl?: string;
}
