import { FailureError, UsageError } from '../errors.js';
import { parseTarget, send } from '../http/send.js';
import type { Io } from '../io.js';
import { readData } from './trigger.js';

export interface ApiOptions {
  server?: string;
  token?: string;
  json?: boolean;
}

/** Calls the management API of a running Hookwire server; a non-2xx answer is a failure (exit 1). */
export async function callApi(
  io: Io,
  options: ApiOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const server = options.server ?? io.env.HOOKWIRE_SERVER;
  if (!server)
    throw new UsageError(
      'no server: pass --server <url> or set HOOKWIRE_SERVER (e.g. http://localhost:3000).',
    );
  const token = options.token ?? io.env.HOOKWIRE_TOKEN;
  if (!token)
    throw new UsageError(
      'no token: pass --token <token> or set HOOKWIRE_TOKEN (the server prints its development token at start).',
    );
  const base = parseTarget(server, '--server');
  const url = `${base.origin}${base.pathname.replace(/\/+$/, '')}/api${path}`;
  const headers: [string, string][] = [
    ['authorization', `Bearer ${token}`],
    ['accept', 'application/json'],
  ];
  if (body !== undefined) headers.push(['content-type', 'application/json']);
  const answer = await send({
    method,
    url,
    headers,
    body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
  });
  const text = answer.body.toString('utf8');
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: shown as text
  }
  if (answer.status < 200 || answer.status >= 300) {
    const message =
      typeof parsed === 'object' && parsed !== null && 'error' in parsed
        ? JSON.stringify((parsed as { error: unknown }).error)
        : text;
    throw new FailureError(`${method} ${url} answered ${answer.status}: ${message}`);
  }
  return parsed;
}

export async function sendEvent(
  io: Io,
  type: string,
  options: ApiOptions & { data?: string; id?: string },
): Promise<number> {
  if (!options.data) throw new UsageError("send needs --data <file.json|-> (the event's data).");
  const data = await readData(io, options.data);
  const result = (await callApi(io, options, 'POST', '/events', {
    type,
    data,
    ...(options.id ? { id: options.id } : {}),
  })) as { id?: string };
  io.out(
    options.json ? `${JSON.stringify(result)}\n` : `published ${type}: event ${result?.id ?? '(no id)'}\n`,
  );
  return 0;
}

interface Subscription {
  id: string;
  url: string;
  events?: string[];
  disabled?: boolean;
  tenant?: string;
  secret?: string;
}

export async function listSubscriptions(io: Io, options: ApiOptions): Promise<number> {
  const result = (await callApi(io, options, 'GET', '/subscriptions')) as
    | { items?: Subscription[] }
    | Subscription[];
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  if (options.json) io.out(`${JSON.stringify(items)}\n`);
  else if (items.length === 0) io.out('no subscriptions\n');
  else
    for (const s of items)
      io.out(`${s.id}  ${s.url}  ${(s.events ?? []).join(',')}${s.disabled ? '  (disabled)' : ''}\n`);
  return 0;
}

export async function createSubscription(
  io: Io,
  options: ApiOptions & { url?: string; events?: string; secret?: string; description?: string },
): Promise<number> {
  if (!options.url) throw new UsageError('subscriptions create needs --url <endpoint>.');
  const events = (options.events ?? '*')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const body = {
    url: options.url,
    events,
    ...(options.secret ? { secret: options.secret } : {}),
    ...(options.description ? { description: options.description } : {}),
  };
  const created = (await callApi(io, options, 'POST', '/subscriptions', body)) as Subscription;
  if (options.json) io.out(`${JSON.stringify(created)}\n`);
  else {
    io.out(`created subscription ${created.id} → ${created.url} (${events.join(',')})\n`);
    if (created.secret) io.out(`its signing secret (shown once): ${created.secret}\n`);
  }
  return 0;
}

export async function deleteSubscription(io: Io, id: string, options: ApiOptions): Promise<number> {
  await callApi(io, options, 'DELETE', `/subscriptions/${encodeURIComponent(id)}`);
  io.out(options.json ? `${JSON.stringify({ deleted: id })}\n` : `deleted subscription ${id}\n`);
  return 0;
}
