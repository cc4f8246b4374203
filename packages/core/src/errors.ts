/** Stable error codes; match on these, not on messages. */
export type WebhookErrorCode =
  | 'missing_header'
  | 'duplicate_header'
  | 'malformed_header'
  | 'malformed_signature'
  | 'malformed_body'
  | 'signature_mismatch'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'unauthorized'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'body_already_parsed'
  | 'unsupported_content_type'
  | 'unknown_receiver'
  | 'replayed';

const statusByCode: Record<WebhookErrorCode, number> = {
  missing_header: 400,
  duplicate_header: 400,
  malformed_header: 400,
  malformed_signature: 400,
  malformed_body: 400,
  signature_mismatch: 401,
  timestamp_too_old: 401,
  timestamp_in_future: 401,
  unauthorized: 401,
  method_not_allowed: 405,
  body_too_large: 413,
  body_already_parsed: 500,
  unsupported_content_type: 415,
  unknown_receiver: 404,
  replayed: 401,
};

/**
 * A request that failed verification or was malformed. `message` says what was wrong and how to
 * fix it; it never contains a secret or an expected signature.
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly code: WebhookErrorCode;
  readonly status: number;

  constructor(code: WebhookErrorCode, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status ?? statusByCode[code];
  }
}

export function isWebhookError(value: unknown): value is WebhookError {
  return value instanceof WebhookError;
}

/** Thrown at construction time when a receiver or sender is configured wrongly. */
export class WebhookConfigError extends TypeError {
  override readonly name = 'WebhookConfigError';
}
