import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';
import type { TeamsMessageActivity } from './events.js';

export interface SignTeamsRequestInput {
  /** The outgoing webhook's security token, as Teams shows it (base64). */
  secret: string;
  /** The message text (default `<at>Bot</at> hello`), when the activity is built here. */
  text?: string;
  /** Fields to merge into the generated activity. */
  activity?: Partial<TeamsMessageActivity>;
  /** The exact body bytes, instead of `text` and `activity`. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds an outgoing-webhook call signed as Teams signs them, for testing your handlers. */
export function signTeamsRequest(input: SignTeamsRequestInput): WebhookRequest {
  const body =
    input.body ??
    JSON.stringify({
      type: 'message',
      id: String(Date.now()),
      timestamp: new Date().toISOString(),
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      channelId: 'msteams',
      from: { id: `29:${randomUUID()}`, name: 'Test User', aadObjectId: randomUUID() },
      conversation: { id: `19:${randomUUID()}@thread.skype;messageid=1`, isGroup: true },
      recipient: null,
      text: input.text ?? '<at>Bot</at> hello',
      textFormat: 'plain',
      channelData: { teamsChannelId: '19:test@thread.skype', teamsTeamId: '19:team@thread.skype' },
      ...input.activity,
    });
  const signature = hmacBase64('sha256', Buffer.from(input.secret, 'base64'), body);
  return createWebhookRequest({
    url: input.url,
    body,
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `HMAC ${signature}` },
  });
}
