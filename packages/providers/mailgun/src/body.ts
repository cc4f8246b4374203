import { contentType, isRecord, parseJsonBody, WebhookError, type WebhookRequest } from '@hookwire/core';

export interface MailgunSignature {
  timestamp: string;
  token: string;
  /** `signature`, then `parent-signature` when a subaccount's webhook also carries its parent's. */
  signatures: string[];
}

export type ReadBody =
  | { format: 'json'; signature: MailgunSignature; body: Record<string, unknown> }
  | { format: 'form'; signature: MailgunSignature; fields: Record<string, string | Blob> };

/** Reads the body once: verify needs its signature fields and hands the reading on to parse. */
export async function readMailgunBody(request: WebhookRequest): Promise<ReadBody> {
  const type = contentType(request);
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data'
    ? readForm(await formFields(request))
    : readJson(parseJsonBody(request, 'Mailgun'));
}

function readJson(body: unknown): ReadBody {
  if (!isRecord(body))
    throw new WebhookError('malformed_body', 'The Mailgun webhook body is not a JSON object.');
  const signature = isRecord(body.signature) ? body.signature : {};
  return {
    format: 'json',
    signature: signatureOf(signature.timestamp, signature.token, [
      signature.signature,
      signature['parent-signature'],
    ]),
    body,
  };
}

function readForm(fields: Record<string, string | Blob>): ReadBody {
  return {
    format: 'form',
    signature: signatureOf(fields.timestamp, fields.token, [fields.signature]),
    fields,
  };
}

function signatureOf(timestamp: unknown, token: unknown, signatures: unknown[]): MailgunSignature {
  const present = signatures.filter((value): value is string => typeof value === 'string' && value !== '');
  // Timestamps arrive as strings in JSON bodies ("1403645220") and occasionally as numbers.
  const time = typeof timestamp === 'number' ? String(timestamp) : timestamp;
  if (typeof time !== 'string' || typeof token !== 'string' || token === '' || present.length === 0) {
    throw new WebhookError(
      'malformed_signature',
      'The Mailgun webhook has no signature { timestamp, token, signature }. Mailgun signs every webhook; is this request from Mailgun?',
    );
  }
  return { timestamp: time, token, signatures: present };
}

async function formFields(request: WebhookRequest): Promise<Record<string, string | Blob>> {
  let form: FormData;
  try {
    // The WHATWG parser handles both url-encoded and multipart bodies (routes post attachments).
    form = await new Response(request.body, {
      headers: { 'content-type': String(request.headers['content-type']) },
    }).formData();
  } catch (cause) {
    throw new WebhookError('malformed_body', 'The Mailgun form body could not be parsed.', { cause });
  }
  const fields: Record<string, string | Blob> = {};
  for (const [name, value] of form) fields[name] ??= value;
  return fields;
}
