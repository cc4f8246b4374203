import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { paypal } from '@hookwire/paypal';
import { createPayPalTestCertificate, signPayPalRequest, TEST_CERT_URL } from '@hookwire/paypal/testing';
import forge from 'node-forge';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sdkVector } from './sdk-vector.js';

const webhookId = '8PT597110X687430LKGECATA';
const sentAt = new Date('2025-06-01T12:00:00Z');
const now = () => sentAt.getTime() + 5_000;
// Minted once: RSA key generation is the slow part; certificates reuse these keys.
const keys = [createPayPalTestCertificate(), createPayPalTestCertificate()].map((c) => c.privateKey);
const validity = { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') };
const mint = (options: Parameters<typeof createPayPalTestCertificate>[0] = {}) =>
  createPayPalTestCertificate({ privateKey: keys[0], ...validity, ...options });
const signing = mint();
const payload = {
  id: 'WH-58D329510W468432D-8HN650336L201105X',
  event_version: '1.0',
  create_time: '2025-06-01T11:59:58.000Z',
  resource_type: 'capture',
  event_type: 'PAYMENT.CAPTURE.COMPLETED',
  summary: 'Payment completed for $ 2.51 USD',
  resource: { id: '42311647XV020574X', status: 'COMPLETED', amount: { currency_code: 'USD', value: '2.51' } },
};

function certificates(map: Record<string, string> = { [TEST_CERT_URL]: signing.certificate }) {
  return vi.fn(async (url: string) => {
    const pem = map[url];
    if (pem === undefined) throw new Error(`no certificate for ${url}`);
    return pem;
  });
}

function signed(overrides: Partial<Parameters<typeof signPayPalRequest>[0]> = {}): WebhookRequest {
  return signPayPalRequest({
    certificate: signing,
    webhookId,
    payload,
    transmissionTime: sentAt,
    ...overrides,
  });
}

describeReceiver({
  provider: 'paypal',
  create: ({ secret, ...options }) =>
    paypal({ webhookId: secret, fetchCertificate: certificates(), ...options }),
  // The webhook id is the shared value PayPal signs with the message.
  sign: ({ secret, timestamp, body }) =>
    signed({
      webhookId: secret,
      transmissionTime: new Date(timestamp * 1000),
      ...(body === undefined ? {} : { body }),
    }),
  secrets: [webhookId, 'SOMEOTHERWEBHOOK1'],
  event: { name: 'PAYMENT.CAPTURE.COMPLETED', id: payload.id },
  signatureHeaders: [
    'PayPal-Transmission-Sig',
    'PayPal-Transmission-Id',
    'PayPal-Transmission-Time',
    'PayPal-Cert-Url',
    'PayPal-Auth-Algo',
  ],
  malformedSignature: { value: 'not*base64' },
  timestamp: { tolerance: 300 },
  deliveryId: true,
  malformedBodies: ['{"id":', '{"id":"WH-1"}', '{"event_type":"X.Y"}', '[]'],
});

describe('paypal receiver', () => {
  describe("PayPal's published SDK vector", () => {
    const request = createWebhookRequest({ body: sdkVector.body, headers: sdkVector.headers });
    const fetchCertificate = async () => sdkVector.certificate;
    const inside = () => Date.parse('2015-05-12T18:14:20Z'); // within the certificate's validity

    it('verifies a real sandbox delivery offline: CRC-32 of the raw body, SHA256withRSA', async () => {
      const receiver = paypal({ webhookId: sdkVector.webhookId, fetchCertificate, now: inside });
      const event = await eventOf(receiver.receive(request));
      expect(event.name).toBe('PAYMENT.SALE.COMPLETED');
      expect(event.id).toBe('WH-2W7266712B616591M-36507203HX6402335');
      expect(event.meta).toEqual({
        transmissionId: 'b2384410-f8d2-11e4-8bf3-77339302725b',
        resourceType: 'sale',
      });
    });

    it('rejects it under another webhook id (the id is signed)', async () => {
      const receiver = paypal({ webhookId: 'NotToBeFound', fetchCertificate, now: inside });
      expect(await errorCodeOf(receiver.receive(request))).toBe('signature_mismatch');
    });

    it('rejects it once the certificate has expired', async () => {
      const later = () => Date.parse('2018-01-01T00:00:00Z');
      const receiver = paypal({
        webhookId: sdkVector.webhookId,
        fetchCertificate,
        now: later,
        tolerance: 10 * 365 * 86_400,
      });
      const error = await webhookErrorOf(receiver.receive(request));
      expect(error.code).toBe('unauthorized');
      expect(error.message).toContain('not valid now');
    });
  });

  it('names the event by event_type, with the event id and the transmission id', async () => {
    const fetchCertificate = certificates();
    const request = signed({ transmissionId: 'tx-1' });
    const event = await eventOf(paypal({ webhookId, fetchCertificate, now }).receive(request));
    expect(event.provider).toBe('paypal');
    expect(event.name).toBe('PAYMENT.CAPTURE.COMPLETED');
    expect(event.id).toBe(payload.id);
    expect(event.payload).toEqual(payload);
    expect(event.meta).toEqual({ transmissionId: 'tx-1', resourceType: 'capture' });
    expect(fetchCertificate).toHaveBeenCalledWith(TEST_CERT_URL);
  });

  it('accepts a certificate chain minted by node-forge (leaf issued by a CA, sent together)', async () => {
    const { certificate: chainPem, leafKey } = forgeChain('messageverificationcerts.paypal.com');
    const certUrl = 'https://api-m.paypal.com/v1/notifications/certs/CERT-forge';
    const request = signed({ certificate: { ...signing, privateKey: leafKey }, certUrl });
    const receiver = paypal({ webhookId, fetchCertificate: certificates({ [certUrl]: chainPem }), now });
    expect((await receiver.receive(request)).type).toBe('event');
  });

  it("mints test certificates that an independent parser (node-forge) reads as PayPal's", () => {
    const parsed = forge.pki.certificateFromPem(signing.certificate);
    expect(parsed.subject.getField('CN').value).toBe('messageverificationcerts.sandbox.paypal.com');
    expect(parsed.verify(parsed)).toBe(true);
  });

  it("rejects a signature made with another key than the certificate's", async () => {
    const forger = mint({ privateKey: keys[1] });
    const request = signed({ certificate: forger });
    const response = await paypal({ webhookId, fetchCertificate: certificates(), now }).handle(request);
    expect(response.status).toBe(401);
    expect(String(response.body)).toContain('signature_mismatch');
    expect(String(response.body)).not.toContain(webhookId);
  });

  it('checks the transmission time before downloading anything, and honours tolerance', async () => {
    const fetchCertificate = certificates();
    const stale = paypal({ webhookId, fetchCertificate, now: () => sentAt.getTime() + 301_000 });
    expect(await errorCodeOf(stale.receive(signed()))).toBe('timestamp_too_old');
    const patient = paypal({
      webhookId,
      fetchCertificate,
      now: () => sentAt.getTime() + 3_000_000,
      tolerance: 3600,
    });
    expect((await patient.receive(signed())).type).toBe('event');
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
  });

  it('rejects a short signature, a malformed time or another algorithm', async () => {
    const receiver = paypal({ webhookId, fetchCertificate: certificates(), now });
    const cases: [Record<string, string>, string][] = [
      [{ 'paypal-transmission-sig': 'AAAA' }, 'signature_mismatch'],
      [{ 'paypal-transmission-time': 'yesterday' }, 'malformed_header'],
      [{ 'paypal-transmission-time': '1748779200' }, 'malformed_header'],
      [{ 'paypal-auth-algo': 'SHA1withRSA' }, 'malformed_header'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(receiver.receive(withHeaders(signed(), headers)))).toBe(code);
    }
  });

  it('downloads certificates only over https from PayPal hosts', async () => {
    const fetchCertificate = certificates();
    const receiver = paypal({ webhookId, fetchCertificate, now });
    for (const certUrl of [
      'http://api.paypal.com/v1/notifications/certs/CERT-1',
      'https://api.paypal.com.evil.example/v1/notifications/certs/CERT-1',
      'https://evil.example/v1/notifications/certs/CERT-1',
      'https://paypal.com/v1/notifications/certs/CERT-1',
      'https://user:pw@api.paypal.com/v1/notifications/certs/CERT-1',
      'https://api.paypal.com:8443/v1/notifications/certs/CERT-1',
      'https://api.paypal.com/v1/notifications/certs/',
      'https://api.paypal.com/v1/oauth2/token',
      'https://api.paypal.com/v1/notifications/certs/CERT-1?x=https://evil.example',
      'not a url',
    ]) {
      const error = await webhookErrorOf(receiver.receive(signed({ certUrl })));
      expect([certUrl, error.code]).toEqual([certUrl, 'unauthorized']);
    }
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('rejects certificates not issued to messageverificationcerts.paypal.com', async () => {
    for (const commonName of [
      'evil.example.com',
      'messageverificationcerts.paypal.com.evil.example',
      'paypal.com',
    ]) {
      const forged = mint({ commonName });
      const receiver = paypal({
        webhookId,
        fetchCertificate: certificates({ [TEST_CERT_URL]: forged.certificate }),
        now,
      });
      const error = await webhookErrorOf(receiver.receive(signed({ certificate: forged })));
      expect([commonName, error.code]).toEqual([commonName, 'unauthorized']);
    }
  });

  it('rejects a certificate that is expired or not yet valid', async () => {
    const expired = mint({ notBefore: new Date('2024-01-01'), notAfter: new Date('2025-01-01') });
    const early = mint({ notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01') });
    for (const certificate of [expired, early]) {
      const receiver = paypal({
        webhookId,
        fetchCertificate: certificates({ [TEST_CERT_URL]: certificate.certificate }),
        now,
      });
      expect(await errorCodeOf(receiver.receive(signed({ certificate })))).toBe('unauthorized');
    }
  });

  it('rejects a chain whose links do not verify', async () => {
    const ca = mint({ commonName: 'Test CA', isCertificateAuthority: true, privateKey: keys[1] });
    // Same name as the real issuer, other key: only the signature check can catch it.
    const stranger = mint({ commonName: 'Test CA', isCertificateAuthority: true });
    const leaf = mint({ issuer: ca });
    const good = paypal({
      webhookId,
      fetchCertificate: certificates({ [TEST_CERT_URL]: leaf.certificate + ca.certificate }),
      now,
    });
    expect((await good.receive(signed({ certificate: leaf }))).type).toBe('event');
    const broken = paypal({
      webhookId,
      fetchCertificate: certificates({ [TEST_CERT_URL]: leaf.certificate + stranger.certificate }),
      now,
    });
    expect(await errorCodeOf(broken.receive(signed({ certificate: leaf })))).toBe('unauthorized');
  });

  it('downloads each certificate once, shares concurrent downloads, and retries failed ones', async () => {
    const fetchCertificate = certificates();
    const receiver = paypal({ webhookId, fetchCertificate, now });
    await Promise.all([receiver.receive(signed()), receiver.receive(signed()), receiver.receive(signed())]);
    expect(fetchCertificate).toHaveBeenCalledTimes(1);

    let calls = 0;
    const flaky = paypal({
      webhookId,
      now,
      fetchCertificate: async () => {
        calls++;
        if (calls === 1) throw new Error('connection reset');
        return signing.certificate;
      },
    });
    const failed = await flaky.handle(signed());
    expect(failed.status).toBe(500); // PayPal retries the delivery
    expect((await flaky.receive(signed())).type).toBe('event');
    expect(calls).toBe(2);
  });

  it('checks its options at construction', () => {
    expect(() => paypal({} as never)).toThrow(/webhookId/);
    expect(() => paypal({ webhookId: 'has spaces' })).toThrow(/letters and digits/);
    expect(() => paypal({ webhookId, fetchCertificate: 'https://x' as never })).toThrow(/function/);
  });

  describe('the default certificate download', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('uses fetch without following redirects, and reports non-200 answers', async () => {
      const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
        expect(init.redirect).toBe('error');
        expect(init.signal).toBeInstanceOf(AbortSignal);
        return new Response(signing.certificate, { status: 200 });
      });
      vi.stubGlobal('fetch', fetchMock);
      expect((await paypal({ webhookId, now }).receive(signed())).type).toBe('event');
      expect(fetchMock).toHaveBeenCalledWith(TEST_CERT_URL, expect.anything());

      vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
      const response = await paypal({ webhookId, now }).handle(signed());
      expect(response.status).toBe(500);
    });
  });
});

/** A CA and a leaf it issued, made with node-forge; returns the PEM chain (leaf first) and the leaf key. */
function forgeChain(commonName: string) {
  const [caKeys, leafKeys] = keys.map((key) => {
    const privateKey = forge.pki.privateKeyFromPem(key!.export({ type: 'pkcs8', format: 'pem' }).toString());
    return { privateKey, publicKey: forge.pki.setRsaPublicKey(privateKey.n, privateKey.e) };
  }) as [forge.pki.rsa.KeyPair, forge.pki.rsa.KeyPair];
  const validity = (cert: forge.pki.Certificate) => {
    cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
    cert.validity.notAfter = new Date('2026-01-01T00:00:00Z');
  };
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = '01';
  validity(ca);
  ca.setSubject([{ name: 'commonName', value: 'Forge Test CA' }]);
  ca.setIssuer([{ name: 'commonName', value: 'Forge Test CA' }]);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());
  const leaf = forge.pki.createCertificate();
  leaf.publicKey = leafKeys.publicKey;
  leaf.serialNumber = '02';
  validity(leaf);
  leaf.setSubject([{ name: 'commonName', value: commonName }]);
  leaf.setIssuer(ca.subject.attributes);
  leaf.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    certificate: forge.pki.certificateToPem(leaf) + forge.pki.certificateToPem(ca),
    leafKey: keys[1]!,
  };
}
