import {
  type BaseReceiverOptions,
  defineProvider,
  getHeader,
  hmacHex,
  normalizeSecrets,
  requireHeader,
  searchParams,
  textResponse,
  verifyHmac,
} from '@hookwire/core';

/**
 * A provider for adapter tests (no provider package needed): HMAC-SHA256 over the raw bytes (which need not be UTF-8), a GET
 * `?challenge=` echo handshake like Dropbox's and a HEAD check like Trello's.
 */
export const acme = defineProvider<
  { secret: string | string[] } & BaseReceiverOptions,
  { secrets: string[] }
>({
  name: 'acme',
  title: 'Acme',
  setup: (options) => ({ secrets: normalizeSecrets(options.secret, 'Acme') }),
  handshake(request) {
    if (request.method === 'HEAD') return { status: 200, headers: { 'x-acme-handshake': 'head' } };
    const challenge = request.method === 'GET' ? searchParams(request).get('challenge') : null;
    return challenge ? textResponse(200, challenge, { 'x-acme-handshake': 'get' }) : undefined;
  },
  verify(request, { state }) {
    verifyHmac({
      algorithm: 'sha256',
      secrets: state.secrets,
      parts: [request.body],
      signatures: requireHeader(request, 'x-acme-signature'),
      encoding: 'hex',
      header: 'X-Acme-Signature',
      provider: 'Acme',
    });
  },
  parse: (request) => ({
    name: requireHeader(request, 'x-acme-event'),
    id: getHeader(request, 'x-acme-delivery'),
    payload: request.body,
  }),
});

/** The headers of an Acme delivery of `body` signed with `secret`. */
export function acmeHeaders(
  secret: string,
  body: string | Uint8Array,
  event = 'thing.created',
): Record<string, string> {
  return {
    'content-type': 'application/octet-stream',
    'x-acme-event': event,
    'x-acme-signature': hmacHex('sha256', secret, body),
  };
}
