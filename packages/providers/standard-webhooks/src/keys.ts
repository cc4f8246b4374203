import type { KeyObject } from 'node:crypto';
import { decodeStandardSecret, ed25519PublicKey, normalizeSecrets, WebhookConfigError } from '@hookwire/core';
import type { StandardWebhooksOptions } from './options.js';

/** What verification needs, decoded once at construction. */
export interface StandardKeys {
  /** HMAC keys (base64-decoded `whsec_` secrets) for `v1`. */
  keys: Uint8Array[];
  /** ed25519 public keys for `v1a`. */
  publicKeys: KeyObject[];
}

export function prepareStandardKeys(options: StandardWebhooksOptions, title: string): StandardKeys {
  if (options.secret === undefined && options.publicKey === undefined) {
    throw new WebhookConfigError(
      `${title}: give \`secret\` (the whsec_… signing secret) or \`publicKey\` (a whpk_… key for v1a signatures).`,
    );
  }
  const secrets = options.secret === undefined ? [] : normalizeSecrets(options.secret, title);
  const publicKeys =
    options.publicKey === undefined ? [] : normalizeSecrets(options.publicKey, `${title} publicKey`);
  return {
    keys: secrets.map((secret, index) => decodeSecret(secret, which(secrets, index), title)),
    publicKeys: publicKeys.map((key, index) => decodePublicKey(key, which(publicKeys, index), title)),
  };
}

const which = (list: readonly string[], index: number): string => (list.length > 1 ? ` #${index + 1}` : '');

function decodeSecret(secret: string, label: string, title: string): Uint8Array {
  if (secret.startsWith('whpk_')) {
    throw new WebhookConfigError(`${title}: secret${label} is a whpk_ public key; pass it as \`publicKey\`.`);
  }
  if (secret.startsWith('whsk_')) {
    throw new WebhookConfigError(
      `${title}: secret${label} is a whsk_ private signing key; a receiver needs only the matching whpk_ public key, as \`publicKey\`.`,
    );
  }
  try {
    return decodeStandardSecret(secret);
  } catch (cause) {
    // Name which secret is wrong, never its value.
    throw new WebhookConfigError(
      `${title}: secret${label} is not a whsec_ secret with a base64 key (or bare base64). Copy it whole from the sender's dashboard.`,
      { cause },
    );
  }
}

function decodePublicKey(key: string, label: string, title: string): KeyObject {
  if (key.startsWith('whsec_')) {
    throw new WebhookConfigError(`${title}: publicKey${label} is a whsec_ secret; pass it as \`secret\`.`);
  }
  if (key.startsWith('whsk_')) {
    throw new WebhookConfigError(
      `${title}: publicKey${label} is a whsk_ private signing key; give the receiver only the matching whpk_ public key.`,
    );
  }
  return ed25519PublicKey(key);
}
