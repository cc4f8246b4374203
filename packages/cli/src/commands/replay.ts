import { readFile } from 'node:fs/promises';
import { isSavedRequest, toWebhookRequest } from '../capture/saved.js';
import { FailureError, UsageError } from '../errors.js';
import { headerPairs, parseTarget, send } from '../http/send.js';
import { type Io, painter } from '../io.js';
import { loadProvider } from '../providers/registry.js';

export interface ReplayOptions {
  to?: string;
  secret?: string;
  provider?: string;
  json?: boolean;
}

/** Sends a saved request again, byte for byte; with `--secret`, re-signed at the current time. */
export async function replay(io: Io, file: string, options: ReplayOptions): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`cannot read the saved request "${file}".`);
  });
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    saved = undefined;
  }
  if (!isSavedRequest(saved))
    throw new UsageError(`"${file}" is not a request saved by \`hookwire listen\`.`);
  if (!options.to) throw new UsageError('replay needs --to <url>.');
  const target = parseTarget(options.to, '--to');
  const original = new URL(saved.url);
  const url = `${target.origin}${target.pathname === '/' ? original.pathname : target.pathname}${target.search || original.search}`;
  let outgoing = {
    method: saved.method,
    url,
    headers: saved.headers,
    body: Buffer.from(saved.body, 'base64') as Uint8Array,
  };
  if (options.secret !== undefined) {
    const provider = options.provider ?? saved.provider;
    if (!provider) throw new UsageError('--secret re-signs the request: name its provider with --provider.');
    outgoing = await resign(
      provider,
      options.secret,
      outgoing.body,
      url,
      toWebhookRequest(saved).headers,
      outgoing,
    );
  }
  const answer = await send(outgoing);
  const ok = answer.status >= 200 && answer.status < 300;
  const body = answer.body.toString('utf8');
  if (options.json)
    io.out(`${JSON.stringify({ url, status: answer.status, ok, latencyMs: Math.round(answer.ms), body })}\n`);
  else {
    const paint = painter(io.colorOut);
    io.out(
      `replayed ${saved.method} ${url}\n${paint(ok ? 'green' : 'red', String(answer.status))} in ${answer.ms.toFixed(0)} ms\n${body ? `${body}\n` : ''}`,
    );
  }
  if (!ok) throw new FailureError(`the endpoint answered ${answer.status}, not 2xx.`);
  return 0;
}

const SIGNING_HEADER = /signature|timestamp|hmac|-sig|time|verification/i;

// Re-signing: the provider's signer is run on the same body and URL at the current time; its
// signature headers replace the saved ones, every other header and the body stay as saved.
async function resign(
  provider: string,
  secret: string,
  body: Uint8Array,
  url: string,
  savedHeaders: Record<string, string | string[] | undefined>,
  outgoing: { method: string; url: string; headers: [string, string][]; body: Uint8Array },
) {
  const spec = await loadProvider(provider);
  const sample = Object.values(spec.samples)[0]!;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new UsageError(
      `--secret re-signs JSON bodies only; replay this ${provider} request without --secret.`,
    );
  }
  const fresh = await sample.sign({ secret, url, data, timestamp: Math.floor(Date.now() / 1000) });
  if (!Buffer.from(fresh.body).equals(Buffer.from(body))) {
    throw new UsageError(
      `cannot re-sign this ${provider} request byte for byte (its body is not the provider's JSON as the signer writes it); replay it without --secret.`,
    );
  }
  const changed = new Set(
    Object.keys(fresh.headers).filter(
      (name) => SIGNING_HEADER.test(name) && String(fresh.headers[name]) !== String(savedHeaders[name]),
    ),
  );
  const headers: [string, string][] = outgoing.headers.filter(([name]) => !changed.has(name.toLowerCase()));
  for (const [name, value] of headerPairs(fresh.headers)) if (changed.has(name)) headers.push([name, value]);
  return { ...outgoing, headers };
}
