import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * Just enough DER to mint X.509 v3 certificates for tests (RSA keys, sha256WithRSAEncryption, a
 * subject of one CN): node:crypto reads certificates but cannot create them.
 */

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first! * 40 + second!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

const name = (commonName: string) =>
  sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName)))));
const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05));

export interface TestCertificateOptions {
  /** Default `messageverificationcerts.sandbox.paypal.com`, the name PayPal's sandbox uses. */
  commonName?: string;
  /** Default: one hour ago. */
  notBefore?: Date;
  /** Default: a year from now. */
  notAfter?: Date;
  /** Sign with this CA instead of self-signing. */
  issuer?: TestCertificate;
  /** Mark it a CA (basicConstraints), to issue other test certificates. */
  isCertificateAuthority?: boolean;
  /** Reuse this RSA private key instead of generating one (key generation is the slow part). */
  privateKey?: KeyObject;
}

export interface TestCertificate {
  /** The certificate, PEM-encoded: what `fetchCertificate` returns. */
  certificate: string;
  /** Its RSA private key: signs requests (`signPayPalRequest`) or, for a CA, certificates. */
  privateKey: KeyObject;
  commonName: string;
}

/** Mints an RSA certificate in PayPal's shape, self-signed or issued by a test CA. */
export function createPayPalTestCertificate(options: TestCertificateOptions = {}): TestCertificate {
  const privateKey = options.privateKey ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const publicKey = createPublicKey(privateKey);
  const commonName = options.commonName ?? 'messageverificationcerts.sandbox.paypal.com';
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and without a leading zero byte
  const extensions = options.isCertificateAuthority
    ? [
        tlv(
          0xa3,
          sequence(
            sequence(
              oid('2.5.29.19'),
              tlv(0x01, Buffer.from([0xff])),
              tlv(0x04, sequence(tlv(0x01, Buffer.from([0xff])))),
            ),
          ),
        ),
      ]
    : [];
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    SHA256_WITH_RSA,
    name(options.issuer?.commonName ?? commonName),
    sequence(
      time(options.notBefore ?? new Date(Date.now() - 3_600_000)),
      time(options.notAfter ?? new Date(Date.now() + 365 * 86_400_000)),
    ),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    ...extensions,
  );
  const signature = sign('sha256', tbs, options.issuer?.privateKey ?? privateKey);
  const der = sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature));
  const base64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    certificate: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`,
    privateKey,
    commonName,
  };
}
