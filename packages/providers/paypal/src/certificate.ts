import { X509Certificate } from 'node:crypto';
import { WebhookError } from '@hookwire/core';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
// PayPal's signing certificates are issued to messageverificationcerts.paypal.com (live) and
// messageverificationcerts.sandbox.paypal.com (sandbox); PayPal's Java SDK required the same shape.
const PAYPAL_SIGNING_CN = /^messageverificationcerts(?:\.[a-z0-9-]+)*\.paypal\.com$/i;

/**
 * The certificate chain served at a `PAYPAL-CERT-URL`, checked once when loaded: the first (leaf)
 * certificate is PayPal's signing certificate, and each certificate is issued and signed by the
 * next one when PayPal sends intermediates along.
 */
export function loadCertificateChain(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK);
  if (!blocks) throw new Error('The PayPal certificate URL did not return a PEM certificate.');
  const chain = blocks.map((block) => new X509Certificate(block));
  const leaf = chain[0]!;
  const commonNames = leaf.subject
    .split('\n')
    .filter((line) => line.startsWith('CN='))
    .map((line) => line.slice(3));
  if (!commonNames.some((name) => PAYPAL_SIGNING_CN.test(name))) {
    throw untrusted('is not issued to messageverificationcerts.paypal.com (or its sandbox name)');
  }
  for (let index = 0; index + 1 < chain.length; index++) {
    const [certificate, issuer] = [chain[index]!, chain[index + 1]!];
    if (!certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey)) {
      throw untrusted('chain does not link up (a certificate is not signed by the next one)');
    }
  }
  return chain;
}

/** Rejects a chain any of whose certificates is expired or not yet valid at `nowMs`. */
export function checkValidity(chain: readonly X509Certificate[], nowMs: number): void {
  for (const certificate of chain) {
    if (nowMs < Date.parse(certificate.validFrom) || nowMs > Date.parse(certificate.validTo)) {
      throw untrusted(`is not valid now (valid from ${certificate.validFrom} to ${certificate.validTo})`);
    }
  }
}

function untrusted(why: string): WebhookError {
  return new WebhookError('unauthorized', `The certificate at PAYPAL-CERT-URL ${why}.`);
}
