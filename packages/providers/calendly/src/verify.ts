import {
  checkSignedTimestamp,
  parseUnixSeconds,
  requireHeader,
  type TimestampWindow,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

export const SIGNATURE_HEADER = 'Calendly-Webhook-Signature';

/** `t=<unix seconds>,v1=<hex>`: split on commas, then on the first `=`; unknown keys are ignored. */
function parseSignatureHeader(header: string): { timestamp: string; signatures: string[] } {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const key = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('has more than one t= timestamp');
      timestamp = value;
    } else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === undefined) throw malformed('has no t= timestamp');
  if (signatures.length === 0) throw malformed('has no v1= signature');
  return { timestamp, signatures };
}

function malformed(what: string): WebhookError {
  return new WebhookError(
    'malformed_signature',
    `The ${SIGNATURE_HEADER} header ${what}; expected "t=<unix seconds>,v1=<hex>".`,
  );
}

/** Checks the HMAC over `t.body`, then that `t` is within the tolerance (both ways). Returns `t` in ms. */
export function verifyCalendlySignature(
  request: WebhookRequest,
  secrets: readonly string[],
  window: TimestampWindow,
): number {
  const header = requireHeader(
    request,
    SIGNATURE_HEADER,
    'Calendly signs webhooks of subscriptions created with a signing key.',
  );
  const { timestamp, signatures } = parseSignatureHeader(header);
  const timestampMs = parseUnixSeconds(timestamp, `${SIGNATURE_HEADER} t=`);
  verifyHmac({
    algorithm: 'sha256',
    secrets,
    parts: [`${timestamp}.`, request.body],
    signatures,
    encoding: 'hex',
    header: SIGNATURE_HEADER,
    provider: 'Calendly',
  });
  return checkSignedTimestamp(window, SIGNATURE_HEADER, timestampMs);
}
