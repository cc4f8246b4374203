import { verifySignatureHeader, type WebhookRequest } from '@hookwire/core';

const SIGNATURE = 'X-WC-Webhook-Signature';

/** Checks `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body. */
export function verifyWooCommerceSignature(
  request: WebhookRequest,
  keys: readonly string[],
): void | Promise<void> {
  return verifySignatureHeader(request, {
    header: SIGNATURE,
    algorithm: 'sha256',
    encoding: 'base64',
    secrets: keys,
    provider: 'WooCommerce',
    hint: 'WooCommerce signs every delivery; is the webhook secret set, and does the proxy forward the header?',
  });
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#039;': "'",
  '&#39;': "'",
};

/**
 * The keys to try for each secret. WooCommerce keys the HMAC with
 * `wp_specialchars_decode(secret, ENT_QUOTES)`, so a secret copied from where WordPress stores it
 * HTML-escaped (`a&amp;b`) signs as `a&b`: try the decoded form too.
 */
export function signingKeys(secrets: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const secret of secrets) {
    keys.add(secret);
    keys.add(secret.replace(/&(?:amp|lt|gt|quot|#0?39);/g, (entity) => ENTITIES[entity] ?? entity));
  }
  return [...keys];
}
