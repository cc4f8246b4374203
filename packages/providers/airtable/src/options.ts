import type { BaseReceiverOptions } from '@hookwire/core';

export interface AirtableOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /**
   * The `macSecretBase64` returned (once) by Airtable's create-webhook call, as returned: base64 text.
   * An array accepts the secrets of several webhooks that notify the same URL.
   */
  secret: string | string[];
}
