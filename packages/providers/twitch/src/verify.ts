import {
  checkSignedTimestamp,
  requireHeader,
  type TimestampWindow,
  verifySignatureHeader,
  type WebhookRequest,
} from '@hookwire/core';
import { parseRfc3339 } from './timestamp.js';

export const MESSAGE_ID = 'Twitch-Eventsub-Message-Id';
export const MESSAGE_TIMESTAMP = 'Twitch-Eventsub-Message-Timestamp';
const MESSAGE_SIGNATURE = 'Twitch-Eventsub-Message-Signature';

export interface TwitchCheck extends TimestampWindow {
  secrets: readonly string[];
}

/** Checks `sha256=<hex>`: HMAC-SHA256 of message id ‖ timestamp (as sent) ‖ raw body; refuses old messages. */
export function verifyTwitchSignature(request: WebhookRequest, check: TwitchCheck): void {
  const hint = 'Twitch sends it with every EventSub message; is this request from Twitch?';
  const id = requireHeader(request, MESSAGE_ID, hint);
  const timestamp = requireHeader(request, MESSAGE_TIMESTAMP, hint);
  checkSignedTimestamp(check, MESSAGE_TIMESTAMP, parseRfc3339(timestamp, MESSAGE_TIMESTAMP));
  verifySignatureHeader(request, {
    header: MESSAGE_SIGNATURE,
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: 'sha256=',
    secrets: check.secrets,
    provider: 'Twitch',
    parts: [id, timestamp, request.body],
    hint,
  });
}
