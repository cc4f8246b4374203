import { isWebhookError, requireHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

const HEADER = 'X-Trello-Webhook';

/**
 * Checks `X-Trello-Webhook`: base64 HMAC-SHA1 of the raw body followed by the callback URL exactly
 * as registered, keyed with the application secret.
 */
export function verifyTrelloSignature(
  request: WebhookRequest,
  secrets: readonly string[],
  callbackUrl: string,
): void {
  const signature = requireHeader(
    request,
    HEADER,
    'Trello signs every webhook request; is this request from Trello?',
  );
  try {
    verifyHmac({
      algorithm: 'sha1',
      secrets,
      parts: [request.body, callbackUrl],
      signatures: signature,
      encoding: 'base64',
      header: HEADER,
      provider: 'Trello',
    });
  } catch (error) {
    if (!isWebhookError(error) || error.code !== 'signature_mismatch') throw error;
    // The URL is half of the signed content and the usual culprit behind a proxy.
    throw new WebhookError(
      'signature_mismatch',
      `The ${HEADER} signature does not match the body and the callback URL ${callbackUrl}. Check that the secret is your Trello application secret (not a token), that nothing changed the body, and that the URL is byte for byte the callbackURL the webhook was created with (set the \`callbackUrl\` option behind a proxy).`,
    );
  }
}
