const TIMEOUT_MS = 10_000;
const MAX_BYTES = 64 * 1024;

/**
 * The default `fetchCertificate`, and the package's only I/O: a GET of PayPal's PEM with the
 * global `fetch`. Redirects are refused (the URL was checked; where it redirects was not).
 */
export async function fetchPayPalCertificate(url: string): Promise<string> {
  const response = await fetch(url, {
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { accept: 'application/x-pem-file, text/plain, */*' },
  });
  if (!response.ok) {
    throw new Error(
      `PayPal answered ${response.status} for the certificate at ${url}; it will be fetched again on the next delivery.`,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  const text = declared > MAX_BYTES ? '' : await response.text();
  if (text === '' || text.length > MAX_BYTES) {
    throw new Error(`The certificate at ${url} is empty or larger than ${MAX_BYTES} bytes.`);
  }
  return text;
}
