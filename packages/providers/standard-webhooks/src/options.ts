import type { BaseReceiverOptions } from '@hookwire/core';

export interface StandardWebhooksOptions extends BaseReceiverOptions {
  /**
   * The endpoint's symmetric secret, `whsec_…` or bare base64 (checks `v1` HMAC signatures);
   * an array accepts several during a rotation.
   */
  secret?: string | string[];
  /**
   * The sender's ed25519 public key, `whpk_…` (or raw base64, hex or PEM), for `v1a` signatures;
   * an array accepts several. Give `secret`, `publicKey` or both.
   */
  publicKey?: string | string[];
}

/** The JSON body the Standard Webhooks spec recommends: `type`, `timestamp` (ISO 8601) and `data`. */
export interface StandardWebhookPayload<TData = unknown, TType extends string = string> {
  type: TType;
  timestamp: string;
  data: TData;
}
