import {
  checkTimestamp,
  type DedupeStore,
  parseUnixSeconds,
  verifyHmac,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { type ReadBody, readMailgunBody } from './body.js';

export interface MailgunVerifyState {
  secrets: string[];
  replayStore: DedupeStore | undefined;
}

/**
 * HMAC-SHA256 of timestamp ‖ token (hex), then the timestamp window, then the token replay check.
 * Only the timestamp and token are signed: the event data itself is authenticated by TLS alone.
 */
export async function verifyMailgunRequest(
  request: WebhookRequest,
  state: MailgunVerifyState,
  nowMs: number,
  toleranceSeconds: number,
): Promise<ReadBody> {
  const read = await readMailgunBody(request);
  const { signature } = read;
  const timestampMs = parseUnixSeconds(signature.timestamp, 'Mailgun signature.timestamp');
  verifyHmac({
    algorithm: 'sha256',
    secrets: state.secrets,
    parts: [signature.timestamp, signature.token],
    signatures: signature.signatures,
    encoding: 'hex',
    header: 'Mailgun signature',
    provider: 'Mailgun',
  });
  checkTimestamp({ timestampMs, nowMs, toleranceSeconds, header: 'Mailgun signature' });
  if (state.replayStore) await rememberToken(state.replayStore, signature.token, toleranceSeconds);
  return read;
}

async function rememberToken(store: DedupeStore, token: string, toleranceSeconds: number): Promise<void> {
  const key = `mailgun-token:${token}`;
  // A synchronous store answers without yielding, so two copies of one request cannot both pass.
  const seen = store.has(key);
  if (seen === true || (seen !== false && (await seen))) {
    throw new WebhookError(
      'replayed',
      'This Mailgun signature token was already used: the request is a replay. Mailgun signs every delivery attempt afresh.',
    );
  }
  // A token can only be replayed while its timestamp is inside the window (past or future).
  await store.add(key, 2 * toleranceSeconds * 1000);
}
