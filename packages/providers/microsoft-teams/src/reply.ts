import { isWebhookResponse, jsonResponse, type WebhookResponse } from '@hookwire/core';

/**
 * Teams posts the response body back in the channel as the webhook's reply. A handler's string becomes
 * `{ type: 'message', text }`; an object is sent as the activity (`type` defaults to `message`).
 */
export function teamsReply(replies: unknown[]): WebhookResponse {
  for (const reply of replies) {
    if (isWebhookResponse(reply)) return reply;
    if (typeof reply === 'string') return jsonResponse(200, { type: 'message', text: reply });
    if (typeof reply === 'object' && reply !== null) return jsonResponse(200, { type: 'message', ...reply });
  }
  return { status: 200 };
}
