import { verify as verifySignature } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  checkSignedTimestamp,
  decodeBase64,
  requireHeader,
  type TimestampWindow,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { checkValidity } from './certificate.js';
import type { CertificateCache } from './certificate-cache.js';
import { checkCertificateUrl } from './certificate-url.js';

export interface PayPalVerification extends TimestampWindow {
  webhookIds: readonly string[];
  certificates: CertificateCache;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Verifies the transmission signature offline: SHA256withRSA over
 * `<transmission id>|<transmission time>|<webhook id>|<CRC-32 of the raw body, unsigned decimal>`
 * with the public key of PayPal's certificate at `PAYPAL-CERT-URL`. Cheap checks (headers, time,
 * URL) come first, so a replayed or forged request never causes a certificate download.
 */
export async function verifyPayPalTransmission(
  request: WebhookRequest,
  options: PayPalVerification,
): Promise<void> {
  const transmissionId = requireHeader(
    request,
    'PAYPAL-TRANSMISSION-ID',
    'PayPal sends it with every webhook.',
  );
  const transmissionTime = requireHeader(request, 'PAYPAL-TRANSMISSION-TIME');
  const signatureText = requireHeader(request, 'PAYPAL-TRANSMISSION-SIG');
  const certUrl = requireHeader(request, 'PAYPAL-CERT-URL');
  const algorithm = requireHeader(request, 'PAYPAL-AUTH-ALGO');
  if (algorithm.toLowerCase() !== 'sha256withrsa') {
    throw new WebhookError(
      'malformed_header',
      'The PAYPAL-AUTH-ALGO header is not SHA256withRSA, the only algorithm PayPal uses.',
    );
  }
  const timestampMs = RFC3339.test(transmissionTime) ? Date.parse(transmissionTime) : Number.NaN;
  if (Number.isNaN(timestampMs)) {
    throw new WebhookError(
      'malformed_header',
      'The PAYPAL-TRANSMISSION-TIME header is not an RFC 3339 date-time.',
    );
  }
  checkSignedTimestamp(options, 'PAYPAL-TRANSMISSION-TIME', timestampMs);
  const signature = decodeBase64(signatureText.trim());
  if (!signature || signature.length === 0) {
    throw new WebhookError('malformed_signature', 'The PAYPAL-TRANSMISSION-SIG header is not base64.');
  }
  const chain = await options.certificates.get(checkCertificateUrl(certUrl));
  checkValidity(chain, options.nowMs);
  const publicKey = chain[0]!.publicKey;
  const checksum = crc32(request.body);
  for (const webhookId of options.webhookIds) {
    const message = `${transmissionId}|${transmissionTime}|${webhookId}|${checksum}`;
    if (verifySignature('sha256', Buffer.from(message), publicKey, signature)) return;
  }
  throw new WebhookError(
    'signature_mismatch',
    'The PAYPAL-TRANSMISSION-SIG signature does not verify. Check that `webhookId` is the id of the webhook this URL is registered under (sandbox and live webhooks have different ids), and that nothing changed the body before it was verified.',
  );
}
