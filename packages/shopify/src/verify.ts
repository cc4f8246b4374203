import { getHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

const HEADER = 'X-Shopify-Hmac-Sha256';

/**
 * Checks `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body under the app's client secret.
 * Every failure is a 401: Shopify's app review sends the mandatory compliance webhooks with a bad
 * HMAC and requires exactly that status.
 */
export function verifyShopifySignature(request: WebhookRequest, secrets: readonly string[]): void {
  try {
    const signature = getHeader(request, HEADER);
    if (signature === undefined || signature === '') {
      throw new WebhookError(
        'missing_header',
        `The ${HEADER} header is missing. Shopify signs every webhook it sends; is this request from Shopify?`,
      );
    }
    verifyHmac({
      algorithm: 'sha256',
      secrets,
      parts: [request.body],
      signatures: signature,
      encoding: 'base64',
      header: HEADER,
      provider: 'Shopify',
    });
  } catch (error) {
    if (error instanceof WebhookError && error.status !== 401) {
      throw new WebhookError(error.code, error.message, { status: 401, cause: error });
    }
    throw error;
  }
}
