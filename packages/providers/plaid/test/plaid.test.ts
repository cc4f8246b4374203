import { createHash, createHmac, sign } from 'node:crypto';
import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { type PlaidVerificationKey, plaid } from '@hookwire/plaid';
import { generatePlaidTestKey, signPlaidRequest } from '@hookwire/plaid/testing';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';

const NOW = 1_700_000_000_000;
const iat = NOW / 1000;
const now = () => NOW;
const payload = {
  webhook_type: 'TRANSACTIONS',
  webhook_code: 'SYNC_UPDATES_AVAILABLE',
  item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
  initial_update_complete: true,
  historical_update_complete: false,
  environment: 'production',
};
const key = generatePlaidTestKey('6c5516e1-92dc-479e-a8ff-5a51992e0001');

function receiverFor(keys: PlaidVerificationKey[], options: { tolerance?: number } = {}) {
  const getVerificationKey = vi.fn(async (kid: string) => keys.find((k) => k.kid === kid));
  return { receiver: plaid({ getVerificationKey, now, ...options }), getVerificationKey };
}

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT with any header, signed with the test key unless a signature is given. */
function token(header: Record<string, unknown>, claims: Record<string, unknown>, signature?: string): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  const sig =
    signature ??
    sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString(
      'base64url',
    );
  return `${input}.${sig}`;
}

const bodyHash = (body: string) => createHash('sha256').update(body).digest('hex');

type PlaidKey = typeof key;
describeReceiver<PlaidKey>({
  provider: 'plaid',
  create: ({ secret, ...options }) =>
    plaid({ getVerificationKey: async () => [secret].flat()[0]!.jwk, ...options }),
  sign: ({ secret, timestamp, body }) => signPlaidRequest({ key: secret, payload, body, iat: timestamp }),
  // Another key under the same kid: an impostor.
  secrets: [key, generatePlaidTestKey(key.jwk.kid)],
  event: { name: 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE' },
  signatureHeaders: ['Plaid-Verification'],
  malformedSignature: { value: 'a.b' },
  timestamp: { tolerance: 300 },
  // Plaid rotates keys by kid, looked up through getVerificationKey: tested below.
  rotation: false,
  malformedBodies: ['{"webhook_type":', '{"webhook_type":"ITEM"}'],
});

describe('plaid receiver', () => {
  it('verifies the ES256 JWT, the body hash and iat, and names the event type.code', async () => {
    const { receiver, getVerificationKey } = receiverFor([key.jwk]);
    const request = signPlaidRequest({ key, payload, iat });
    // Plaid pretty-prints its JSON; the hash covers those exact bytes.
    expect(Buffer.from(request.body).toString()).toContain('\n  "webhook_type"');
    const event = await eventOf(receiver.receive(request));
    expect(event).toMatchObject({
      provider: 'plaid',
      name: 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE',
      payload,
      meta: { itemId: payload.item_id, environment: 'production' },
    });
    expect(event.id).toBeUndefined();
    expect(getVerificationKey).toHaveBeenCalledWith(key.jwk.kid);
  });

  it('accepts JWTs minted by jose, and its own JWTs verify with jose (independent JOSE implementation)', async () => {
    const body = JSON.stringify(payload, null, 2);
    const jwt = await new SignJWT({ request_body_sha256: bodyHash(body) })
      .setProtectedHeader({ alg: 'ES256', kid: key.jwk.kid, typ: 'JWT' })
      .setIssuedAt(iat)
      .sign(key.privateKey);
    const request = createWebhookRequest({ body, headers: { 'plaid-verification': jwt } });
    expect((await receiverFor([key.jwk]).receiver.receive(request)).type).toBe('event');

    const ours = signPlaidRequest({ key, payload, iat }).headers['plaid-verification'] as string;
    const verified = await jwtVerify(ours, await importJWK(key.jwk, 'ES256'), {
      algorithms: ['ES256'],
      currentDate: new Date(NOW),
    });
    expect(verified.payload.request_body_sha256).toBe(bodyHash(body));
  });

  it('caches keys by kid, looks up unknown kids, and shares one lookup between concurrent requests', async () => {
    const second = generatePlaidTestKey('second-key');
    const { receiver, getVerificationKey } = receiverFor([key.jwk, second.jwk]);
    await Promise.all([1, 2, 3].map(() => receiver.receive(signPlaidRequest({ key, payload, iat }))));
    await receiver.receive(signPlaidRequest({ key, payload, iat }));
    expect(getVerificationKey).toHaveBeenCalledTimes(1);
    // A rotated key: a new kid is looked up, and both keep working.
    expect((await receiver.receive(signPlaidRequest({ key: second, payload, iat }))).type).toBe('event');
    expect((await receiver.receive(signPlaidRequest({ key, payload, iat }))).type).toBe('event');
    expect(getVerificationKey.mock.calls.map(([kid]) => kid)).toEqual([key.jwk.kid, 'second-key']);
  });

  it('looks a cached key up again after a day, and refuses it once Plaid has expired it', async () => {
    const jwk = { ...key.jwk };
    let clock = NOW;
    const getVerificationKey = vi.fn(async () => ({ ...jwk }));
    const receiver = plaid({ getVerificationKey, now: () => clock });
    expect((await receiver.receive(signPlaidRequest({ key, payload, iat }))).type).toBe('event');
    clock = NOW + 25 * 3_600_000;
    jwk.expired_at = NOW / 1000 + 3_600;
    const later = signPlaidRequest({ key, payload, iat: clock / 1000 });
    expect(await errorCodeOf(receiver.receive(later))).toBe('unauthorized');
    expect(getVerificationKey).toHaveBeenCalledTimes(2);
  });

  it('refuses an expired key and an unknown kid with 401', async () => {
    const expired = receiverFor([{ ...key.jwk, expired_at: iat - 60 }]).receiver;
    expect(await errorCodeOf(expired.receive(signPlaidRequest({ key, payload, iat })))).toBe('unauthorized');
    const unknown = receiverFor([]).receiver;
    const response = await unknown.handle(signPlaidRequest({ key, payload, iat }));
    expect(response.status).toBe(401);
  });

  it('answers 500 when the key lookup fails, so Plaid retries', async () => {
    const receiver = plaid({
      getVerificationKey: async () => {
        throw new Error('Plaid API unreachable');
      },
      now,
    });
    expect((await receiver.handle(signPlaidRequest({ key, payload, iat }))).status).toBe(500);
  });

  it('refuses keys that are not ES256 public keys', async () => {
    const rsa = {
      kty: 'RSA',
      n: 'sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri',
      e: 'AQAB',
      kid: key.jwk.kid,
      alg: 'RS256',
    };
    expect(
      (
        await webhookErrorOf(
          receiverFor([rsa as unknown as PlaidVerificationKey]).receiver.receive(
            signPlaidRequest({ key, payload, iat }),
          ),
        )
      ).code,
    ).toBe('unauthorized');
    const offCurve = { ...key.jwk, x: key.jwk.y };
    expect(
      (
        await webhookErrorOf(
          receiverFor([offCurve]).receiver.receive(signPlaidRequest({ key, payload, iat })),
        )
      ).code,
    ).toBe('unauthorized');
  });

  it('accepts only ES256: none, HS256 (even keyed with the public key) and ES384 are refused', async () => {
    const { receiver } = receiverFor([key.jwk]);
    const body = JSON.stringify(payload);
    const claims = { iat, request_body_sha256: bodyHash(body) };
    const hsInput = `${b64url({ alg: 'HS256', kid: key.jwk.kid })}.${b64url(claims)}`;
    const hsSignature = createHmac('sha256', JSON.stringify(key.jwk)).update(hsInput).digest('base64url');
    for (const jwt of [
      `${b64url({ alg: 'none', kid: key.jwk.kid })}.${b64url(claims)}.`,
      `${b64url({ alg: 'none', kid: key.jwk.kid })}.${b64url(claims)}.AAAA`,
      `${hsInput}.${hsSignature}`,
      token({ alg: 'ES384', kid: key.jwk.kid }, claims),
      token({ alg: 'es256', kid: key.jwk.kid }, claims),
    ]) {
      const request = createWebhookRequest({ body, headers: { 'plaid-verification': jwt } });
      expect(await errorCodeOf(receiver.receive(request))).toBe('malformed_signature');
    }
  });

  it('requires a raw (IEEE P1363) ECDSA signature, not DER', async () => {
    const body = JSON.stringify(payload);
    const claims = { iat, request_body_sha256: bodyHash(body) };
    const input = `${b64url({ alg: 'ES256', kid: key.jwk.kid })}.${b64url(claims)}`;
    const der = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'der' }).toString(
      'base64url',
    );
    const request = createWebhookRequest({ body, headers: { 'plaid-verification': `${input}.${der}` } });
    expect(await errorCodeOf(receiverFor([key.jwk]).receiver.receive(request))).toBe('signature_mismatch');
  });

  it('honours a configured tolerance', async () => {
    const strict = receiverFor([key.jwk], { tolerance: 60 }).receiver;
    expect(
      (await webhookErrorOf(strict.receive(signPlaidRequest({ key, payload, iat: iat - 240 })))).code,
    ).toBe('timestamp_too_old');
  });

  it('requires the iat and request_body_sha256 claims', async () => {
    const { receiver } = receiverFor([key.jwk]);
    const body = JSON.stringify(payload);
    const header = { alg: 'ES256', kid: key.jwk.kid };
    const cases: [Record<string, unknown>, string][] = [
      [{ request_body_sha256: bodyHash(body) }, 'malformed_signature'],
      [{ iat: String(iat), request_body_sha256: bodyHash(body) }, 'malformed_signature'],
      [{ iat }, 'signature_mismatch'],
      [{ iat, request_body_sha256: bodyHash(`${body} `) }, 'signature_mismatch'],
    ];
    for (const [claims, code] of cases) {
      const request = createWebhookRequest({
        body,
        headers: { 'plaid-verification': token(header, claims) },
      });
      expect(await errorCodeOf(receiver.receive(request))).toBe(code);
    }
  });

  it('reads a well-formed JWT before looking a key up', async () => {
    const { receiver, getVerificationKey } = receiverFor([key.jwk]);
    const request = signPlaidRequest({ key, payload, iat });
    const jwt = request.headers['plaid-verification'] as string;
    const [h, c] = jwt.split('.');
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'plaid-verification': `${h}.${c}` }, 'malformed_signature'],
      [{ 'plaid-verification': `${h}.${c}.***` }, 'malformed_signature'],
      [{ 'plaid-verification': `${b64url('not json')}.${c}.AAAA` }, 'malformed_signature'],
      [{ 'plaid-verification': token({ alg: 'ES256' }, { iat }) }, 'malformed_signature'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(receiver.receive(withHeaders(request, headers)))).toBe(code);
    }
    expect(getVerificationKey).not.toHaveBeenCalled();
  });

  it('needs getVerificationKey at construction', () => {
    expect(() => plaid({} as never)).toThrow(/getVerificationKey/);
  });
});
