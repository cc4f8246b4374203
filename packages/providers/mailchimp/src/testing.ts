import {
  type CodeRequestInput,
  createCodeRequest,
  createWebhookRequest,
  type WebhookRequest,
} from '@hookwire/core';

type FormData = { [key: string]: string | number | FormData };

export interface CreateMailchimpRequestInput extends CodeRequestInput {
  /** The code the receiver is configured with; sent as the `code` query parameter. */
  code: string;
  /** The event type: `subscribe`, `unsubscribe`, `profile`, `upemail`, `cleaned`, `campaign`. */
  type: string;
  /** The `data[...]` fields, nested: `{ merges: { EMAIL: 'a@b.c' } }` is sent as `data[merges][EMAIL]`. */
  data?: FormData;
  /** `YYYY-MM-DD HH:MM:SS` (default: now, UTC). */
  firedAt?: string;
}

/** Builds a form-encoded `WebhookRequest` as Mailchimp posts it, for testing your handlers. */
export function createMailchimpRequest(input: CreateMailchimpRequestInput): WebhookRequest {
  const form = new URLSearchParams();
  form.append('type', input.type);
  form.append('fired_at', input.firedAt ?? new Date().toISOString().slice(0, 19).replace('T', ' '));
  appendFields(form, 'data', input.data ?? {});
  return createCodeRequest(input, {
    path: 'mailchimp',
    payload: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'MailChimp' },
  });
}

export interface CreateMailchimpValidationInput {
  /** The code in the registered URL; sent as the `code` query parameter (omit it to test a refusal). */
  code?: string;
  url?: string;
}

/** The GET Mailchimp's validator sends to the registered URL (code included) when a webhook is saved. */
export function createMailchimpValidationRequest(input: CreateMailchimpValidationInput = {}): WebhookRequest {
  const url = new URL(input.url ?? 'https://example.com/webhooks/mailchimp');
  if (input.code !== undefined) url.searchParams.set('code', input.code);
  return createWebhookRequest({
    method: 'GET',
    url: url.toString(),
    headers: { 'user-agent': 'MailChimp.com WebHook Validator' },
  });
}

function appendFields(form: URLSearchParams, prefix: string, data: FormData): void {
  for (const [key, value] of Object.entries(data)) {
    const name = `${prefix}[${key}]`;
    if (typeof value === 'object') appendFields(form, name, value);
    else form.append(name, String(value));
  }
}
