import type { BaseReceiverOptions } from '@hookwire/core';

export interface StripeOptions extends BaseReceiverOptions {
  /**
   * The endpoint's signing secret (`whsec_…`, from the Dashboard or `stripe listen`); an array
   * accepts several, e.g. while Stripe still signs with a rolled secret.
   */
  secret: string | string[];
}
