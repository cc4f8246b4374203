import { createPublicKey, type KeyObject } from 'node:crypto';
import { WebhookError } from '@hookwire/core';
import type { PlaidOptions, PlaidVerificationKey } from './options.js';

// A cached key is looked up again after a day, so a key Plaid has since expired is noticed.
const REFRESH_AFTER_MS = 24 * 3_600_000;

interface CachedKey {
  key: KeyObject;
  expiredAtMs: number | undefined;
  fetchedAtMs: number;
}

/** Keys by `kid`, fetched through the user's `getVerificationKey` and kept for the receiver's life. */
export class PlaidKeyCache {
  readonly #cache = new Map<string, CachedKey>();
  readonly #pending = new Map<string, Promise<CachedKey | undefined>>();

  constructor(readonly fetch: PlaidOptions['getVerificationKey']) {}

  async get(kid: string, nowMs: number): Promise<KeyObject> {
    let entry = this.#cache.get(kid);
    if (!entry || nowMs - entry.fetchedAtMs > REFRESH_AFTER_MS) entry = await this.#load(kid, nowMs);
    if (!entry) {
      throw new WebhookError(
        'unauthorized',
        `Plaid has no webhook verification key with the id in the JWT's kid.`,
      );
    }
    if (entry.expiredAtMs !== undefined && entry.expiredAtMs <= nowMs) {
      throw new WebhookError(
        'unauthorized',
        'The Plaid webhook verification key this JWT names has expired.',
      );
    }
    return entry.key;
  }

  // Concurrent deliveries signed with a new key share one lookup.
  #load(kid: string, nowMs: number): Promise<CachedKey | undefined> {
    let pending = this.#pending.get(kid);
    if (!pending) {
      pending = this.fetch(kid)
        .then((jwk) => {
          if (!jwk) return undefined;
          const entry = toCachedKey(jwk, kid, nowMs);
          this.#cache.set(kid, entry);
          return entry;
        })
        .finally(() => this.#pending.delete(kid));
      this.#pending.set(kid, pending);
    }
    return pending;
  }
}

function toCachedKey(jwk: PlaidVerificationKey, kid: string, nowMs: number): CachedKey {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || (jwk.alg !== undefined && jwk.alg !== 'ES256')) {
    throw new WebhookError(
      'unauthorized',
      'getVerificationKey returned a key that is not an ES256 (EC P-256) JWK.',
    );
  }
  if (jwk.kid !== undefined && jwk.kid !== kid) {
    throw new WebhookError('unauthorized', 'getVerificationKey returned a key with another kid.');
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
  } catch (cause) {
    throw new WebhookError(
      'unauthorized',
      'getVerificationKey returned a JWK that is not a valid P-256 public key.',
      {
        cause,
      },
    );
  }
  const expiredAtMs = typeof jwk.expired_at === 'number' ? jwk.expired_at * 1000 : undefined;
  return { key, expiredAtMs, fetchedAtMs: nowMs };
}
