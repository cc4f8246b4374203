import { decodeBase64, isRecord, WebhookError } from '@hookwire/core';

export interface CompactJws {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const HEADER = 'Plaid-Verification';

function decodeJsonPart(part: string, what: string): Record<string, unknown> {
  const bytes = /^[A-Za-z0-9_-]+$/.test(part) ? decodeBase64(part) : undefined;
  let value: unknown;
  try {
    value = bytes ? JSON.parse(bytes.toString('utf8')) : undefined;
  } catch {
    value = undefined;
  }
  if (!isRecord(value)) {
    throw new WebhookError('malformed_signature', `The ${HEADER} JWT ${what} is not base64url-encoded JSON.`);
  }
  return value;
}

/** Splits a compact JWS (`header.claims.signature`) without trusting any of it yet. */
export function decodeCompactJws(token: string): CompactJws {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    throw new WebhookError(
      'malformed_signature',
      `The ${HEADER} header is not a compact JWT (header.claims.signature).`,
    );
  }
  const [header, claims, signature] = parts as [string, string, string];
  const signatureBytes = /^[A-Za-z0-9_-]+$/.test(signature) ? decodeBase64(signature) : undefined;
  if (!signatureBytes) {
    throw new WebhookError('malformed_signature', `The ${HEADER} JWT signature is not base64url.`);
  }
  return {
    header: decodeJsonPart(header, 'header'),
    claims: decodeJsonPart(claims, 'claims'),
    signingInput: `${header}.${claims}`,
    signature: signatureBytes,
  };
}
