import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';

/** A fresh P-256 key pair: `publicKey` as SendGrid shows it (base64 DER), `privateKey` as PEM. */
export function generateSendGridKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

export interface SignSendGridRequestInput {
  /** The private half of the key pair (PEM or a `KeyObject`), e.g. from `generateSendGridKeyPair()`. */
  privateKey: string | KeyObject;
  /** Events to serialise (SendGrid posts an array), or the exact body. */
  events?: unknown[];
  body?: string | Uint8Array;
  /** Unix seconds (default: now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as SendGrid's Signed Event Webhook signs it. */
export function signSendGridRequest(input: SignSendGridRequestInput): WebhookRequest {
  // SendGrid separates events and ends the body with CRLF; keep that shape so tests meet it.
  const body = input.body ?? `${JSON.stringify(input.events ?? [])}\r\n`;
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const key = typeof input.privateKey === 'string' ? createPrivateKey(input.privateKey) : input.privateKey;
  const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), {
    key,
    dsaEncoding: 'der',
  });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': signature.toString('base64'),
      'x-twilio-email-event-webhook-timestamp': timestamp,
    },
  });
}
