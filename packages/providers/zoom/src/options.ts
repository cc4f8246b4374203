import type { BaseReceiverOptions } from '@hookwire/core';

export interface ZoomOptions extends BaseReceiverOptions {
  /** The app's webhook Secret Token; an array accepts several during a rotation. */
  secret: string | string[];
  /** Seconds `x-zm-request-timestamp` may be off, either way. Zoom leaves it to you; default 300. */
  tolerance?: number;
}
