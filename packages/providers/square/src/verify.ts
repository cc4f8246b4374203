import { getHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';

const SHA256_HEADER = 'x-square-hmacsha256-signature';
const SHA1_HEADER = 'x-square-signature';

export interface SquareCheck {
  secrets: readonly string[];
  notificationUrl: string;
  allowSha1: boolean;
}

/**
 * Checks the base64 HMAC of `notification URL ‖ raw body`. The SHA-1 header is read only when
 * the SHA-256 one is absent, so a request carrying both cannot be downgraded.
 */
export function verifySquareSignature(request: WebhookRequest, check: SquareCheck): void {
  const sha256 = getHeader(request, SHA256_HEADER);
  const sha1 = sha256 === undefined ? getHeader(request, SHA1_HEADER) : undefined;
  if (sha256 === undefined && sha1 === undefined) {
    throw new WebhookError(
      'missing_header',
      `The ${SHA256_HEADER} header is missing. Square signs every webhook notification; is this request from Square?`,
    );
  }
  if (sha256 === undefined && !check.allowSha1) {
    throw new WebhookError(
      'missing_header',
      `This request carries only the legacy HMAC-SHA1 ${SHA1_HEADER}, which is refused by default. Set the receiver's \`allowSha1: true\` option to accept it from an older subscription.`,
    );
  }
  verifyHmac({
    algorithm: sha256 === undefined ? 'sha1' : 'sha256',
    secrets: check.secrets,
    parts: [check.notificationUrl, request.body],
    signatures: (sha256 ?? sha1) as string,
    encoding: 'base64',
    header: sha256 === undefined ? SHA1_HEADER : SHA256_HEADER,
    provider: 'Square',
  });
}
