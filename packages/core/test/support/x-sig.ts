import { verifySignatureHeader, type WebhookRequest } from '@hookwire/core';

/** A test provider's `verify`: the hex HMAC-SHA256 of the body in `X-Sig`, under any of its secrets. */
export function verifyXSig(provider: string) {
  return (request: WebhookRequest, { state }: { state: string[] }) =>
    verifySignatureHeader(request, {
      header: 'X-Sig',
      algorithm: 'sha256',
      encoding: 'hex',
      secrets: state,
      provider,
    });
}
