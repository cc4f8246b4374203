import type { BaseReceiverOptions } from '@hookwire/core';

/** The public key Plaid's `/webhook_verification_key/get` returns (a JWK), with Plaid's extra fields. */
export interface PlaidVerificationKey {
  alg: string;
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  use?: string;
  /** Unix seconds. */
  created_at?: number;
  /** Unix seconds once the key has expired; `null` while it is current. */
  expired_at?: number | null;
}

export interface PlaidOptions extends BaseReceiverOptions {
  /**
   * Looks up the key with this id: call Plaid's `/webhook_verification_key/get` with `key_id` and return
   * `response.data.key`; return `undefined` for an unknown id. Keys are cached by id, so it is called
   * once per key (and again for a key seen more than a day ago). If it throws, the request gets 500 and
   * Plaid retries.
   */
  getVerificationKey: (kid: string) => Promise<PlaidVerificationKey | undefined | null>;
  /** Seconds the JWT's `iat` may be off, either way (default 300: Plaid's five minutes). */
  tolerance?: number;
}
