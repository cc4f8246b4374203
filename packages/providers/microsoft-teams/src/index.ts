import {
  decodeBase64Secrets,
  defineProvider,
  isRecord,
  parseJsonBody,
  requireHeader,
  requireString,
  verifyHmac,
  WebhookError,
} from '@hookwire/core';
import type { MicrosoftTeamsEvents } from './events.js';
import type { MicrosoftTeamsOptions } from './options.js';
import { teamsReply } from './reply.js';

export type * from './events.js';
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
    // Keying the HMAC with the token text instead of its bytes is the classic Teams mistake.
    setup: (options) => ({
      keys: decodeBase64Secrets(
        options.secret,
        'Microsoft Teams',
        'Pass the security token exactly as Teams showed it.',
      ),
    }),
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
