import { isWebhookResponse, type WebhookResponse } from '@hookwire/core';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Voice and messaging webhooks expect TwiML back. A handler may return a TwiML string (sent as
 * `text/xml`) or a full response; otherwise Twilio gets an empty `<Response>`, which does nothing.
 */
export function twimlResponse(replies: unknown[]): WebhookResponse {
  const full = replies.find(isWebhookResponse);
  if (full) return full;
  const twiml = replies.find((reply): reply is string => typeof reply === 'string');
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: twiml ?? EMPTY_TWIML };
}
