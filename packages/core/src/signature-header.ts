import type { SignatureEncoding } from './encoding.js';
import { WebhookError } from './errors.js';
import { requireHeader } from './headers.js';
import { type HmacAlgorithm, type Key, verifyHmac } from './hmac.js';
import type { WebhookRequest } from './types.js';

export interface SignatureHeaderOptions {
  /** The header that carries the signature (`X-Hub-Signature-256`). */
  header: string;
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  /** A scheme prefix the header must start with (`sha256=`); stripped before decoding. */
  prefix?: string;
  /** Every secret currently accepted (several during a rotation). */
  secrets: readonly Key[];
  /** Provider display name, for error messages. */
  provider: string;
  /** Signed content, concatenated in order (default: the raw body). */
  parts?: readonly (string | Uint8Array)[];
  /** What usually explains a missing header, appended to the `missing_header` message. */
  hint?: string;
}

/**
 * Reads one signature header and returns the signature without its prefix. Throws
 * `missing_header` when it is absent and `malformed_signature` when the prefix is not there.
 */
export function readSignatureHeader(
  request: WebhookRequest,
  options: Pick<SignatureHeaderOptions, 'header' | 'prefix' | 'hint'>,
): string {
  const value = requireHeader(request, options.header, options.hint);
  const { prefix } = options;
  if (prefix === undefined) return value;
  if (!value.startsWith(prefix)) {
    throw new WebhookError(
      'malformed_signature',
      `The ${options.header} header must start with "${prefix}".`,
    );
  }
  return value.slice(prefix.length);
}

/**
 * The most common webhook scheme: one header holding an HMAC of the raw body (or of `parts`),
 * hex or base64, maybe behind a `sha256=` style prefix. Throws the `verifyHmac` errors (a promise
 * on the Web Crypto path, like `verifyHmac`).
 */
export function verifySignatureHeader(
  request: WebhookRequest,
  options: SignatureHeaderOptions,
): void | Promise<void> {
  return verifyHmac({
    algorithm: options.algorithm,
    secrets: options.secrets,
    parts: options.parts ?? [request.body],
    signatures: readSignatureHeader(request, options),
    encoding: options.encoding,
    header: options.header,
    provider: options.provider,
  });
}
