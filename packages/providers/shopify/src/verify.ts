import { verifySignatureHeader, WebhookError, type WebhookRequest } from '@hookwire/core';

const HEADER = 'X-Shopify-Hmac-Sha256';

/**
 * Checks `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body under the app's client secret.
 * Every failure is a 401: Shopify's app review sends the mandatory compliance webhooks with a bad
 * HMAC and requires exactly that status.
 */
export function verifyShopifySignature(request: WebhookRequest, secrets: readonly string[]): void {
  try {
    verifySignatureHeader(request, {
      header: HEADER,
      algorithm: 'sha256',
      encoding: 'base64',
      secrets,
      provider: 'Shopify',
      hint: 'Shopify signs every webhook it sends; is this request from Shopify?',
    });
  } catch (error) {
    if (error instanceof WebhookError && error.status !== 401) {
      throw new WebhookError(error.code, error.message, { status: 401, cause: error });
    }
    throw error;
  }
}
