import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeBase64, WebhookConfigError } from '@hookwire/core';
import type { SendGridOptions } from './options.js';

/** Loads the verification key(s): SendGrid hands out base64 SPKI DER (a PEM body without armour). */
export function loadPublicKeys(input: SendGridOptions['publicKey'] | undefined): KeyObject[] {
  if (input === undefined) throw new WebhookConfigError('SendGrid: the `publicKey` option is required.');
  const keys = Array.isArray(input) ? input : [input];
  if (keys.length === 0) throw new WebhookConfigError('SendGrid: `publicKey` is an empty array.');
  return keys.map(loadOne);
}

function loadOne(input: string | KeyObject): KeyObject {
  let key: KeyObject;
  try {
    if (typeof input !== 'string') key = input;
    else if (input.includes('-----BEGIN')) key = createPublicKey(input);
    else {
      const der = decodeBase64(input.replace(/\s+/g, ''));
      if (!der) throw new Error('not base64');
      key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    }
  } catch (cause) {
    throw new WebhookConfigError(
      'SendGrid: `publicKey` must be the verification key shown under Mail Settings > Event Webhook (base64) or a PEM public key.',
      { cause },
    );
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new WebhookConfigError('SendGrid: `publicKey` must be an ECDSA P-256 public key.');
  }
  return key;
}
