import { UsageError } from '../errors.js';

/** The URL the provider signed: the request's own, or its path and query on `--public-url`'s origin. */
export function publicUrlOf(requestUrl: string, publicUrl: string | undefined): string {
  if (!publicUrl) return requestUrl;
  let base: URL;
  try {
    base = new URL(publicUrl);
  } catch {
    throw new UsageError(
      `--public-url must be an absolute URL such as https://hooks.example.com; got "${publicUrl}".`,
    );
  }
  const request = new URL(requestUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${request.pathname}${request.search}`;
}
