import type { BaseReceiverOptions } from '@hookwire/core';

export interface SlackOptions extends BaseReceiverOptions {
  /** The app's Signing Secret (Basic Information page); an array accepts several during a rotation. */
  secret: string | string[];
  /**
   * The deprecated verification token. When set, the body's `token` must also equal it (checked
   * after the signature). Off by default: the signing secret supersedes it.
   */
  verificationToken?: string | string[];
}
