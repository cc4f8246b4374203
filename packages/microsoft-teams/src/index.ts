import {
  decodeBase64,
  defineProvider,
  isRecord,
  normalizeSecrets,
  parseJsonBody,
  requireHeader,
  requireString,
  verifyHmac,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import type { MicrosoftTeamsEvents } from './events.js';
import type { MicrosoftTeamsOptions } from './options.js';
import { teamsReply } from './reply.js';

export type {
  MicrosoftTeamsEvents,
  TeamsChannelAccount,
  TeamsMessageActivity,
  TeamsReply,
} from './events.js';
export type { MicrosoftTeamsOptions } from './options.js';

const SCHEME = /^HMAC\s+(\S+)$/i;

/**
 * A receiver for Microsoft Teams outgoing webhooks: checks `Authorization: HMAC <base64>`, the
 * HMAC-SHA256 of the raw body keyed with the *base64-decoded* security token, and sends what the
 * handler returns back to the channel as the reply.
 *
 * @example
 * const receiver = microsoftTeams({ secret: process.env.TEAMS_SECURITY_TOKEN! });
 * receiver.on('message', (event) => `You said: ${event.payload.text}`);
 */
export const microsoftTeams = defineProvider<MicrosoftTeamsOptions, { keys: Buffer[] }, MicrosoftTeamsEvents>(
  {
    name: 'microsoft-teams',
    title: 'Microsoft Teams',
    setup: (options) => ({ keys: normalizeSecrets(options.secret, 'Microsoft Teams').map(decodeToken) }),
    verify(request, { state }) {
      const authorization = requireHeader(
        request,
        'Authorization',
        'Teams signs every outgoing webhook call.',
      );
      const match = SCHEME.exec(authorization.trim());
      if (!match) {
        throw new WebhookError(
          'malformed_signature',
          'The Authorization header must be "HMAC <base64 signature>".',
        );
      }
      verifyHmac({
        algorithm: 'sha256',
        secrets: state.keys,
        parts: [request.body],
        signatures: match[1]!,
        encoding: 'base64',
        header: 'Authorization',
        provider: 'Microsoft Teams',
      });
    },
    parse(request) {
      const payload = parseJsonBody<unknown>(request, 'Microsoft Teams');
      const activity = isRecord(payload) ? payload : {};
      const conversation = isRecord(activity.conversation) ? activity.conversation : {};
      const from = isRecord(activity.from) ? activity.from : {};
      return {
        name: requireString(activity.type, 'type', 'Microsoft Teams'),
        id: typeof activity.id === 'string' ? activity.id : undefined,
        payload,
        meta: { conversationId: conversation.id, fromName: from.name },
      };
    },
    successResponse: (_events, replies) => teamsReply(replies),
  },
);

// Keying the HMAC with the token text instead of its bytes is the classic Teams mistake.
function decodeToken(token: string, index: number, all: string[]): Buffer {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(token) ? decodeBase64(token) : undefined;
  if (!key || key.length === 0) {
    const which = all.length > 1 ? ` #${index + 1}` : '';
    throw new WebhookConfigError(
      `Microsoft Teams: secret${which} is not base64. Pass the security token exactly as Teams showed it.`,
    );
  }
  return key;
}
