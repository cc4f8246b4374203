import { WebhookError } from '@hookwire/core';

export interface StripeSignatureHeader {
  /** The `t` value exactly as sent: it is part of the signed content. */
  timestamp: string;
  /** Every `v1` value (several while a rolled secret is still active). */
  signatures: string[];
}

/**
 * Parses `t=<unix>,v1=<hex>[,v1=<hex>…][,v0=<hex>]`: split on `,`, then on the first `=`. Unknown
 * keys are ignored, and so is `v0` (the legacy test-mode scheme), so a header with only `v0` has
 * no usable signature.
 */
export function parseStripeSignature(value: string): StripeSignatureHeader {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const item of value.split(',')) {
    const equals = item.indexOf('=');
    if (equals === -1) continue;
    const key = item.slice(0, equals).trim();
    if (key === 'v1') signatures.push(item.slice(equals + 1).trim());
    else if (key === 't') {
      if (timestamp !== undefined) {
        throw new WebhookError(
          'malformed_header',
          'The Stripe-Signature header has more than one `t=` timestamp.',
        );
      }
      timestamp = item.slice(equals + 1).trim();
    }
  }
  if (timestamp === undefined) {
    throw new WebhookError(
      'malformed_header',
      'The Stripe-Signature header has no `t=` timestamp (expected "t=<unix seconds>,v1=<hex>"). Is this request from Stripe?',
    );
  }
  if (signatures.length === 0) {
    throw new WebhookError(
      'malformed_signature',
      'The Stripe-Signature header has no `v1=` signature (a `v0` signature alone is not accepted). Is this request from Stripe?',
    );
  }
  return { timestamp, signatures };
}
