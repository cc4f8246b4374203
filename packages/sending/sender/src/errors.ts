export type SenderErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'unknown_event_type'
  | 'blocked_address'
  | 'ownership_check_failed'
  | 'limit_reached';

const statusByCode: Record<SenderErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  unknown_event_type: 400,
  blocked_address: 400,
  ownership_check_failed: 400,
  limit_reached: 409,
};

/**
 * A sender operation refused: bad input (with the `field` at fault), an unknown resource, a
 * conflict, a URL that points at a forbidden address. Messages never contain a secret.
 */
export class SenderError extends Error {
  override readonly name = 'SenderError';
  readonly code: SenderErrorCode;
  readonly status: number;
  /** The input field at fault, as a path (`url`, `headers.x-api-key`, `data.amount`). */
  readonly field: string | undefined;

  constructor(code: SenderErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = statusByCode[code];
    this.field = options.field;
  }
}

export function isSenderError(value: unknown): value is SenderError {
  return value instanceof SenderError;
}

export function invalid(field: string, message: string): SenderError {
  return new SenderError('invalid_input', message, { field });
}

/** The sender limits an operator can raise, each named after its `createSender` option. */
export type SenderLimit = 'maxSubscriptionsPerTenant' | 'maxFanOutPerEvent';

/**
 * A limit of the sender was reached (409, code `limit_reached`): `limit` names the
 * `createSender` option that raises it and `max` its current value.
 */
export class SenderLimitError extends SenderError {
  readonly limit: SenderLimit;
  readonly max: number;

  constructor(limit: SenderLimit, max: number, message: string) {
    super(
      'limit_reached',
      `${message} The operator can raise it with the \`${limit}\` option of createSender (now ${max}).`,
    );
    this.limit = limit;
    this.max = max;
  }
}
