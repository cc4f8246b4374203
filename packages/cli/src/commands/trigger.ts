import { readFile } from 'node:fs/promises';
import { FailureError, UsageError } from '../errors.js';
import { headerPairs, parseTarget, send } from '../http/send.js';
import { type Io, painter } from '../io.js';
import { checkSecret } from '../providers/check-secret.js';
import { loadProvider, PROVIDERS } from '../providers/registry.js';
import { nowSeconds } from '../providers/spec.js';

export interface TriggerOptions {
  to?: string;
  secret?: string;
  data?: string;
  list?: boolean;
  json?: boolean;
}

export async function listSamples(io: Io, provider: string | undefined, json: boolean): Promise<number> {
  const names = provider ? [provider] : [...PROVIDERS];
  const rows: { provider: string; events: { name: string; description: string }[]; secret: string }[] = [];
  for (const name of names) {
    const spec = await loadProvider(name);
    rows.push({
      provider: name,
      secret: spec.secret,
      events: Object.entries(spec.samples).map(([event, s]) => ({ name: event, description: s.description })),
    });
  }
  if (json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const paint = painter(io.colorOut);
  for (const row of rows) {
    io.out(`${paint('bold', row.provider)}  ${paint('dim', `--secret: ${row.secret}`)}\n`);
    for (const event of row.events) io.out(`  ${event.name.padEnd(40)} ${paint('dim', event.description)}\n`);
  }
  return 0;
}

export async function readData(io: Io, data: string): Promise<unknown> {
  const text =
    data === '-'
      ? (await io.readStdin()).toString('utf8')
      : await readFile(data, 'utf8').catch(() => {
          throw new UsageError(
            `--data: cannot read the file "${data}" (give a JSON file, or - for standard input).`,
          );
        });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--data: ${data === '-' ? 'standard input' : data} is not JSON (${(error as Error).message}).`,
    );
  }
}

export async function trigger(
  io: Io,
  provider: string | undefined,
  event: string | undefined,
  options: TriggerOptions,
): Promise<number> {
  if (options.list) return listSamples(io, provider, options.json === true);
  if (!provider)
    throw new UsageError(
      'trigger needs a provider, e.g. `hookwire trigger github push --to <url>`; `--list` shows them.',
    );
  const spec = await loadProvider(provider);
  if (!options.to) throw new UsageError('trigger needs --to <url>: where to send the webhook.');
  const target = parseTarget(options.to, '--to');
  const eventName = event ?? Object.keys(spec.samples)[0]!;
  const sample = spec.samples[eventName];
  if (!sample) {
    throw new UsageError(
      `${provider} has no sample event "${eventName}"; it has: ${Object.keys(spec.samples).join(', ')}.`,
    );
  }
  const secret = options.secret ?? spec.defaultSecret;
  await checkSecret(spec, secret);
  const data = options.data === undefined ? undefined : await readData(io, options.data);
  const request = await sample.sign({
    secret,
    url: target.href,
    data,
    timestamp: nowSeconds(),
  });
  const answer = await send({
    method: request.method,
    url: request.url,
    headers: headerPairs(request.headers),
    body: request.body,
  });
  const ok = answer.status >= 200 && answer.status < 300;
  const body = answer.body.toString('utf8');
  if (options.json) {
    io.out(
      `${JSON.stringify({ provider, event: eventName, url: request.url, status: answer.status, ok, latencyMs: Math.round(answer.ms), body })}\n`,
    );
  } else {
    const paint = painter(io.colorOut);
    io.out(`${provider} ${eventName} → ${request.method} ${request.url}\n`);
    io.out(`${paint(ok ? 'green' : 'red', String(answer.status))} in ${answer.ms.toFixed(0)} ms\n`);
    if (body) io.out(`${body.length > 2000 ? `${body.slice(0, 2000)}…` : body}\n`);
  }
  if (!ok) throw new FailureError(`the endpoint answered ${answer.status}, not 2xx.`);
  return 0;
}
