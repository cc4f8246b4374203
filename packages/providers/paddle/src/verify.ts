import {
  checkSignedTimestamp,
  requireHeader,
  type TimestampWindow,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

const HEADER = 'Paddle-Signature';

export interface PaddleCheck extends TimestampWindow {
  secrets: readonly string[];
}

/**
 * Checks `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>…]`: HMAC-SHA256 of `ts:raw body`. Paddle
 * sends one `h1` per active secret while a secret is being rotated; any one may match.
 */
export function verifyPaddleSignature(request: WebhookRequest, check: PaddleCheck): void {
  const { ts, h1 } = parseSignatureHeader(requireHeader(request, HEADER, 'Paddle signs every webhook.'));
  checkSignedTimestamp(check, `${HEADER} ts`, ts);
  verifyHmac({
    algorithm: 'sha256',
    secrets: check.secrets,
    parts: [`${ts}:`, request.body],
    signatures: h1,
    encoding: 'hex',
    header: HEADER,
    provider: 'Paddle',
  });
}

function parseSignatureHeader(header: string): { ts: string; h1: string[] } {
  let ts: string | undefined;
  const h1: string[] = [];
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 'h1') h1.push(value);
    else if (key === 'ts') {
      if (ts !== undefined)
        throw new WebhookError('malformed_signature', `The ${HEADER} header has two ts values.`);
      ts = value;
    }
  }
  if (ts === undefined || h1.length === 0) {
    throw new WebhookError(
      'malformed_signature',
      `The ${HEADER} header must hold ts=<unix seconds> and h1=<hex>.`,
    );
  }
  return { ts, h1 };
}
