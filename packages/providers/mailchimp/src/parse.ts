import { bodyText, type ParsedEvent, requireString, type WebhookRequest } from '@hookwire/core';
import { nestFormFields } from './form.js';

/** Reads the form-encoded body into `{ type, fired_at, data: {…} }`, named by `type`. */
export function parseMailchimpEvent(request: WebhookRequest): ParsedEvent {
  const payload = nestFormFields(new URLSearchParams(bodyText(request)));
  const name = requireString(payload.type, 'type', 'Mailchimp');
  return { name, payload };
}
