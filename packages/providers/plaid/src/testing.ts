import { createHash, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import type { PlaidVerificationKey } from './options.js';

export interface PlaidTestKey {
  /** Signs test webhooks. */
  privateKey: KeyObject;
  /** What `/webhook_verification_key/get` would return for it: give it back from `getVerificationKey`. */
  jwk: PlaidVerificationKey;
}

/** A fresh ES256 key pair in Plaid's format, for tests. */
export function generatePlaidTestKey(kid: string = randomUUID()): PlaidTestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return plaidTestKey(privateKey, publicKey, kid);
}

/** An ES256 key pair you already have (a P-256 `KeyObject` pair), in Plaid's format. */
export function plaidTestKey(
  privateKey: KeyObject,
  publicKey: KeyObject,
  kid: string,
  createdAt: number = Math.floor(Date.now() / 1000),
): PlaidTestKey {
  const { x, y } = publicKey.export({ format: 'jwk' });
  return {
    privateKey,
    jwk: {
      alg: 'ES256',
      kty: 'EC',
      crv: 'P-256',
      x: x!,
      y: y!,
      kid,
      use: 'sig',
      created_at: createdAt,
      expired_at: null,
    },
  };
}

export interface SignPlaidRequestInput {
  key: PlaidTestKey;
  /** A payload to serialise (Plaid pretty-prints with two spaces), or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** The JWT's `iat`, in Unix seconds (default: now). */
  iat?: number;
  url?: string;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Builds a webhook signed as Plaid signs them (ES256 JWT in `Plaid-Verification`), for testing your handlers. */
export function signPlaidRequest(input: SignPlaidRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {}, null, 2);
  const header = base64url(JSON.stringify({ alg: 'ES256', kid: input.key.jwk.kid, typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iat: input.iat ?? Math.floor(Date.now() / 1000),
      request_body_sha256: createHash('sha256').update(body).digest('hex'),
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), {
    key: input.key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'plaid-verification': `${header}.${claims}.${base64url(signature)}`,
    },
  });
}
