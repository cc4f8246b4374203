import { isWebhookResponse, jsonResponse, textResponse, type WebhookResponse } from '@hookwire/core';

/**
 * Slack posts a slash command's or an interaction's 200 response back to the user, so a handler
 * may return the reply: a string (plain text), a message object (JSON) or a full response.
 * Without a reply the body stays empty, which Slack takes as a silent acknowledgement.
 */
export function slackSuccessResponse(replies: unknown[]): WebhookResponse {
  const reply = replies[0];
  if (typeof reply === 'string') return textResponse(200, reply);
  if (isWebhookResponse(reply)) return reply;
  if (typeof reply === 'object' && reply !== null) return jsonResponse(200, reply);
  return { status: 200 };
}
