import type { X509Certificate } from 'node:crypto';
import { loadCertificateChain } from './certificate.js';

const MAX_ENTRIES = 32;

/**
 * Certificates by URL. Concurrent deliveries share one download; a failed download is forgotten
 * so the next delivery (PayPal retries) tries again; the oldest entry goes when the cache is full.
 */
export class CertificateCache {
  readonly #entries = new Map<string, Promise<X509Certificate[]>>();
  readonly #fetch: (url: string) => Promise<string>;

  constructor(fetchCertificate: (url: string) => Promise<string>) {
    this.#fetch = fetchCertificate;
  }

  get(url: string): Promise<X509Certificate[]> {
    const cached = this.#entries.get(url);
    if (cached) return cached;
    const loading = this.#fetch(url).then(loadCertificateChain);
    loading.catch(() => this.#entries.delete(url));
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(url, loading);
    return loading;
  }
}
