import { isWebhookResponse, jsonResponse, type WebhookEvent, type WebhookResponse } from '@hookwire/core';
import { InteractionResponseType, InteractionType } from './events.js';
import { NO_CONTENT } from './parse.js';

/**
 * Webhook events get 204. An interaction gets what its handler returned: a full response, or an
 * interaction response object (`{ type: 4, data: { content } }`) sent as JSON. Without one, the
 * interaction is deferred, so Discord does not show "interaction failed" and the app can follow up
 * with the interaction token.
 */
export function discordResponse(events: WebhookEvent[], replies: unknown[]): WebhookResponse {
  const event = events[0];
  if (event?.meta.kind !== 'interaction') return NO_CONTENT;
  const reply = replies.find((value) => typeof value === 'object' && value !== null);
  if (isWebhookResponse(reply)) return reply;
  if (reply) return jsonResponse(200, reply);
  return jsonResponse(200, deferredResponse(event.meta.interactionType));
}

function deferredResponse(interactionType: unknown) {
  switch (interactionType) {
    case InteractionType.MESSAGE_COMPONENT:
      return { type: InteractionResponseType.DEFERRED_UPDATE_MESSAGE };
    case InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE:
      return { type: InteractionResponseType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, data: { choices: [] } };
    default:
      return { type: InteractionResponseType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE };
  }
}
