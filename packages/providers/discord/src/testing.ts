import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  createWebhookRequest,
  ed25519PrivateKey,
  ed25519RawPublicKey,
  ed25519Sign,
  type WebhookRequest,
} from '@hookwire/core';

/** A fresh application key pair: `publicKey` as the Developer Portal shows it (hex), `privateKey` a hex seed. */
export function generateDiscordKeyPair(): { publicKey: string; privateKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: ed25519RawPublicKey(publicKey).toString('hex'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex'),
  };
}

export interface SignDiscordRequestInput {
  /** The private key: a hex seed from `generateDiscordKeyPair()`, PEM, or a `KeyObject`. */
  privateKey: string | KeyObject;
  /** An interaction or webhook event body to serialise, or the exact body. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** Unix seconds (default: now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Discord signs interactions and webhook events. */
export function signDiscordRequest(input: SignDiscordRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? { type: 1 });
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const key = ed25519PrivateKey(input.privateKey);
  const signature = ed25519Sign(key, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]));
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature.toString('hex'),
      'x-signature-timestamp': timestamp,
    },
  });
}
