import { createECDH, createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

// Asymmetric providers sign with a private key the CLI cannot have. For `trigger` → `listen`,
// `--secret` is a seed instead: both derive the same test key pair from it, so no key travels.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function seedBytes(seed: string, label: string): Buffer {
  return createHash('sha256').update(`hookwire-test-key:${label}:${seed}`).digest();
}

/** An ed25519 key pair derived from `seed` (Discord). */
export function ed25519FromSeed(
  seed: string,
  label: string,
): { privateKey: KeyObject; publicKeyHex: string } {
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seedBytes(seed, label)]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKeyHex: spki.subarray(-32).toString('hex') };
}

/** A P-256 key pair derived from `seed` (SendGrid, Plaid). */
export function p256FromSeed(seed: string, label: string): { privateKey: KeyObject; publicKey: KeyObject } {
  const d = seedBytes(seed, label);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const b64 = (bytes: Buffer) => bytes.toString('base64url');
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: b64(d),
    x: b64(point.subarray(1, 33)),
    y: b64(point.subarray(33)),
  };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
