import { readFile } from 'node:fs/promises';
import { parseCurl } from '../capture/curl.js';
import { parseRawHttp } from '../capture/raw-http.js';
import { isSavedRequest, type SavedRequest, toWebhookRequest } from '../capture/saved.js';
import { attempt, diagnose } from '../diagnose/hypotheses.js';
import { UsageError } from '../errors.js';
import { type Io, painter } from '../io.js';
import { checkSecret } from '../providers/check-secret.js';
import { loadProvider } from '../providers/registry.js';
import { publicUrlOf } from './public-url.js';

export interface VerifyOptions {
  secret?: string;
  request?: string;
  curl?: string;
  publicUrl?: string;
  json?: boolean;
}

type Captured = Pick<SavedRequest, 'method' | 'url' | 'headers' | 'body'>;

/** A saved JSON, a raw HTTP/1.1 request or a curl command line, told apart by their first bytes. */
export function parseCapture(bytes: Buffer): Captured {
  const text = bytes.toString('utf8').trimStart();
  if (text.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`the request looks like JSON but does not parse: ${(error as Error).message}`);
    }
    if (!isSavedRequest(value))
      throw new UsageError(
        'the JSON is not a request saved by `hookwire listen` (no "hookwire": "saved-request").',
      );
    return value;
  }
  if (text.startsWith('curl ')) return parseCurl(text);
  const start = bytes.indexOf(text.slice(0, 1));
  return parseRawHttp(bytes.subarray(Math.max(0, start)));
}

export async function verify(io: Io, provider: string, options: VerifyOptions): Promise<number> {
  const spec = await loadProvider(provider);
  const secret = options.secret ?? spec.defaultSecret;
  await checkSecret(spec, secret);
  const sources = [options.request, options.curl].filter((v) => v !== undefined);
  if (sources.length !== 1)
    throw new UsageError('verify needs exactly one of --request <file|->, --curl "<command>".');
  let captured: Captured;
  if (options.curl !== undefined) captured = parseCurl(options.curl);
  else {
    const bytes =
      options.request === '-'
        ? await io.readStdin()
        : await readFile(options.request!).catch(() => {
            throw new UsageError(`--request: cannot read the file "${options.request}".`);
          });
    captured = parseCapture(bytes);
  }
  const request = toWebhookRequest(captured);
  const url = publicUrlOf(request.url, options.publicUrl);
  const base = { request: options.publicUrl ? { ...request, url } : request, secret, url };
  const outcome = await attempt(spec, base);
  const paint = painter(io.colorOut);
  if (outcome.ok) {
    if (options.json)
      io.out(
        `${JSON.stringify({ provider, verified: true, event: outcome.name ?? null, id: outcome.id ?? null, handshake: outcome.handshake === true })}\n`,
      );
    else
      io.out(
        `${paint('green', 'verified')}: ${provider} ${outcome.handshake ? 'handshake' : `${outcome.name}${outcome.id ? ` (id ${outcome.id})` : ''}`}\n`,
      );
    return 0;
  }
  const causes = await diagnose(spec, base, outcome);
  if (options.json) {
    io.out(
      `${JSON.stringify({ provider, verified: false, code: outcome.code, message: outcome.message, causes })}\n`,
    );
  } else {
    io.out(`${paint('red', 'not verified')}: ${outcome.code}: ${outcome.message}\n`);
    if (causes.length === 0) {
      io.out(
        'No single change (body serialisation, secret encoding, timestamp, URL, duplicated header) makes it verify: the secret is most likely wrong, or the body was altered.\n',
      );
    }
    for (const cause of causes) io.out(`${paint('yellow', 'why')}: ${cause.message}\n`);
  }
  return 1;
}
