import type { BaseReceiverOptions } from '@hookwire/core';

export interface MicrosoftTeamsOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The security token Teams showed (once) when the outgoing webhook was created, as shown: base64
   * text. An array accepts the tokens of several outgoing webhooks (one per team) on one URL.
   */
  secret: string | string[];
}
