import type { BaseReceiverOptions } from '@hookwire/core';

export interface DropboxOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The app secret from the Dropbox App Console; an array accepts several during a rotation. */
  secret: string | string[];
}
