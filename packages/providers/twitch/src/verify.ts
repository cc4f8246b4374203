import { checkTimestamp, requireHeader, verifyHmac, WebhookError, type WebhookRequest } from '@hookwire/core';
import { parseRfc3339 } from './timestamp.js';

export const MESSAGE_ID = 'Twitch-Eventsub-Message-Id';
export const MESSAGE_TIMESTAMP = 'Twitch-Eventsub-Message-Timestamp';
const MESSAGE_SIGNATURE = 'Twitch-Eventsub-Message-Signature';

export interface TwitchCheck {
  secrets: readonly string[];
  nowMs: number;
  toleranceSeconds: number;
}

/** Checks `sha256=<hex>`: HMAC-SHA256 of message id ‖ timestamp (as sent) ‖ raw body; refuses old messages. */
export function verifyTwitchSignature(request: WebhookRequest, check: TwitchCheck): void {
  const hint = 'Twitch sends it with every EventSub message; is this request from Twitch?';
  const id = requireHeader(request, MESSAGE_ID, hint);
  const timestamp = requireHeader(request, MESSAGE_TIMESTAMP, hint);
  const signature = requireHeader(request, MESSAGE_SIGNATURE, hint);
  checkTimestamp({
    timestampMs: parseRfc3339(timestamp, MESSAGE_TIMESTAMP),
    nowMs: check.nowMs,
    toleranceSeconds: check.toleranceSeconds,
    header: MESSAGE_TIMESTAMP,
  });
  if (!signature.startsWith('sha256=')) {
    throw new WebhookError(
      'malformed_signature',
      `The ${MESSAGE_SIGNATURE} header must start with "sha256=".`,
    );
  }
  verifyHmac({
    algorithm: 'sha256',
    secrets: check.secrets,
    parts: [id, timestamp, request.body],
    signatures: signature.slice('sha256='.length),
    encoding: 'hex',
    header: MESSAGE_SIGNATURE,
    provider: 'Twitch',
  });
}
