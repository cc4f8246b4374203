import {
  isRecord,
  jsonResponse,
  type ParseOutcome,
  parseJsonBody,
  WebhookError,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { InteractionResponseType, InteractionType } from './events.js';

const INTERACTION_NAMES: Record<number, string> = {
  [InteractionType.APPLICATION_COMMAND]: 'interaction.application_command',
  [InteractionType.MESSAGE_COMPONENT]: 'interaction.message_component',
  [InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE]: 'interaction.application_command_autocomplete',
  [InteractionType.MODAL_SUBMIT]: 'interaction.modal_submit',
};

// Webhook events use their own numbering: 0 is PING, 1 an event (with an `event` object).
const WEBHOOK_PING = 0;

/** Webhook events (and their PING) answer 204 with no body; Discord asks for a content type all the same. */
export const NO_CONTENT: WebhookResponse = { status: 204, headers: { 'content-type': 'application/json' } };

/**
 * Interactions are named `interaction.<type>`; webhook events by `event.type` (`ENTITLEMENT_CREATE`).
 * The two PINGs, which arrive only after the signature checked out, are answered here.
 */
export function parseDiscordRequest(request: WebhookRequest): ParseOutcome {
  const body = parseJsonBody(request, 'Discord');
  if (!isRecord(body) || typeof body.type !== 'number') {
    throw new WebhookError('malformed_body', 'The Discord request body has no numeric `type`.');
  }
  if (body.type === WEBHOOK_PING) return { response: NO_CONTENT };
  if (isRecord(body.event)) {
    const event = body.event;
    if (typeof event.type !== 'string' || event.type === '') {
      throw new WebhookError('malformed_body', 'The Discord webhook event has no `event.type` string.');
    }
    return {
      name: event.type,
      payload: event,
      meta: { kind: 'webhook_event', applicationId: body.application_id, version: body.version },
    };
  }
  if (body.type === InteractionType.PING) {
    return { response: jsonResponse(200, { type: InteractionResponseType.PONG }) };
  }
  const name = INTERACTION_NAMES[body.type] ?? `interaction.${body.type}`;
  return {
    name,
    id: typeof body.id === 'string' ? body.id : undefined,
    payload: body,
    meta: {
      kind: 'interaction',
      interactionType: body.type,
      applicationId: body.application_id,
      guildId: body.guild_id,
    },
  };
}
