import { decodeHex, isRecord, normalizeSecrets, WebhookConfigError } from '@hookwire/core';

/** Adyen hands out HMAC keys as hex; the MAC key is the decoded bytes (using the text is the usual bug). */
export function decodeHmacKeys(secret: string | string[] | undefined): Buffer[] {
  return normalizeSecrets(secret, 'Adyen').map((key, index) => {
    const bytes = decodeHex(key);
    if (!bytes || bytes.length === 0) {
      throw new WebhookConfigError(
        `Adyen: secret #${index + 1} is not a hex HMAC key. Copy the key exactly as the Customer Area shows it (64 hex characters).`,
      );
    }
    return bytes;
  });
}

/**
 * The signed string of a standard notification item: eight fields joined by `:`, a missing field
 * contributing an empty string.
 */
export function notificationSigningData(item: Record<string, unknown>): string {
  const amount = isRecord(item.amount) ? item.amount : {};
  return [
    item.pspReference,
    item.originalReference,
    item.merchantAccountCode,
    item.merchantReference,
    amount.value,
    amount.currency,
    item.eventCode,
    item.success,
  ]
    .map((value) => (value === undefined || value === null ? '' : String(value)))
    .join(':');
}
