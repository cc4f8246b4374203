import { WebhookError } from '@hookwire/core';

/**
 * The hosts PayPal serves its webhook signing certificates from (`PAYPAL-CERT-URL`): live and
 * sandbox, under the classic `api.` and the current `api-m.` names. The header is attacker
 * controlled; accepting any other URL would let a forger point us at a certificate for their own key.
 */
export const PAYPAL_CERTIFICATE_HOSTS: readonly string[] = [
  'api.paypal.com',
  'api-m.paypal.com',
  'api.sandbox.paypal.com',
  'api-m.sandbox.paypal.com',
];

const CERT_PATH = '/v1/notifications/certs/';

/** Returns the URL to fetch, or throws `unauthorized` unless it is https on a PayPal host's cert path. */
export function checkCertificateUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refused('is not a URL');
  }
  if (url.protocol !== 'https:') throw refused('is not https');
  if (!PAYPAL_CERTIFICATE_HOSTS.includes(url.hostname) || url.port !== '')
    throw refused('is not on a PayPal host');
  if (url.username || url.password || url.search || url.hash)
    throw refused('has credentials, a query or a fragment');
  if (!url.pathname.startsWith(CERT_PATH) || url.pathname.length === CERT_PATH.length) {
    throw refused(`is not under ${CERT_PATH}`);
  }
  return url.href;
}

function refused(why: string): WebhookError {
  return new WebhookError(
    'unauthorized',
    `The PAYPAL-CERT-URL header ${why}; PayPal's certificates are served over https from ${PAYPAL_CERTIFICATE_HOSTS.join(', ')}. The request is not from PayPal.`,
  );
}
