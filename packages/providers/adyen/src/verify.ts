import {
  getHeader,
  isRecord,
  parseJsonBody,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { notificationSigningData } from './hmac.js';

export const HMAC_HEADER = 'HmacSignature';

/** The items of a standard notification, or a `malformed_body` error. */
export function notificationItems(body: unknown): Record<string, unknown>[] {
  const list = isRecord(body) ? body.notificationItems : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw new WebhookError('malformed_body', 'The Adyen notification has no `notificationItems`.');
  }
  return list.map((entry, index) => {
    const item = isRecord(entry) ? entry.NotificationRequestItem : undefined;
    if (!isRecord(item)) {
      throw new WebhookError(
        'malformed_body',
        `Adyen notificationItems[${index}] has no NotificationRequestItem object.`,
      );
    }
    return item;
  });
}

/**
 * Balance Platform webhooks carry `HmacSignature` over the raw body; standard notifications carry
 * one signature per item, and every item must verify (one forged item would otherwise ride along).
 */
export function verifyAdyenRequest(request: WebhookRequest, keys: readonly Buffer[]): void {
  const header = getHeader(request, HMAC_HEADER);
  if (header !== undefined) {
    verifyHmac({ ...common(keys), parts: [request.body], signatures: header, header: HMAC_HEADER });
    return;
  }
  const body = parseJsonBody(request, 'Adyen');
  if (!isRecord(body) || !('notificationItems' in body)) {
    throw new WebhookError(
      'missing_header',
      `The ${HMAC_HEADER} header is missing. Enable HMAC signatures for this webhook in the Customer Area.`,
    );
  }
  notificationItems(body).forEach((item, index) => {
    const additionalData = isRecord(item.additionalData) ? item.additionalData : {};
    const signature = additionalData.hmacSignature;
    const where = `notificationItems[${index}] additionalData.hmacSignature`;
    if (typeof signature !== 'string' || signature === '') {
      throw new WebhookError(
        'malformed_signature',
        `Adyen ${where} is missing. Enable HMAC signatures for this webhook in the Customer Area.`,
      );
    }
    verifyHmac({
      ...common(keys),
      parts: [notificationSigningData(item)],
      signatures: signature,
      header: where,
    });
  });
}

function common(keys: readonly Buffer[]) {
  return { algorithm: 'sha256', secrets: keys, encoding: 'base64', provider: 'Adyen' } as const;
}
