import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type SavedRequest, toWebhookRequest } from '../capture/saved.js';
import { attempt } from '../diagnose/hypotheses.js';
import { UsageError } from '../errors.js';
import { parseTarget, send } from '../http/send.js';
import { type Io, painter } from '../io.js';
import { checkSecret } from '../providers/check-secret.js';
import { loadProvider } from '../providers/registry.js';
import { publicUrlOf } from './public-url.js';

export interface ListenOptions {
  port?: string;
  host?: string;
  provider?: string;
  secret?: string;
  forwardTo?: string;
  saveDir?: string;
  publicUrl?: string;
  json?: boolean;
}

export interface Listener {
  url: string;
  saveDir: string;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

export async function listen(io: Io, options: ListenOptions): Promise<Listener> {
  if (!options.provider) throw new UsageError('listen needs --provider <name>, e.g. --provider github.');
  const spec = await loadProvider(options.provider);
  const port = Number(options.port ?? 3030);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number (0-65535); got "${options.port}".`);
  const forward =
    options.forwardTo === undefined ? undefined : parseTarget(options.forwardTo, '--forward-to');
  const secret = options.secret ?? spec.defaultSecret;
  await checkSecret(spec, secret);
  const saveDir = resolve(options.saveDir ?? '.hookwire/requests');
  await mkdir(saveDir, { recursive: true });
  const paint = painter(io.colorOut);
  let count = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const headers: [string, string][] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
    const saved: SavedRequest = {
      hookwire: 'saved-request',
      version: 1,
      provider: spec.name,
      receivedAt: new Date().toISOString(),
      method: req.method ?? 'GET',
      url: `http://${req.headers.host ?? `127.0.0.1:${port}`}${req.url ?? '/'}`,
      headers,
      body: body.toString('base64'),
    };
    const request = toWebhookRequest(saved);
    const url = publicUrlOf(request.url, options.publicUrl);
    const signedRequest = { ...request, url };
    const outcome = await attempt(spec, { request: signedRequest, secret, url });
    const receiver = await spec.receiver({ secret, url });
    const response = await receiver.handle(signedRequest);
    // Saved, forwarded and printed before the answer goes back, so the sender sees the line once answered.
    const answerSender = () => {
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    };

    saved.verdict = outcome.ok ? (outcome.handshake ? 'handshake' : 'verified') : 'rejected';
    if (!outcome.ok) saved.error = { code: outcome.code, message: outcome.message };
    count++;
    const file = join(saveDir, `${saved.receivedAt!.replace(/[:.]/g, '-')}-${spec.name}-${count}.json`);
    await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`);

    let forwarded: { status?: number; ms?: number; error?: string } | undefined;
    if (forward) {
      try {
        const reply = await send({
          method: saved.method,
          url: forwardUrl(forward, request.url),
          headers,
          body,
        });
        forwarded = { status: reply.status, ms: reply.ms };
      } catch (error) {
        forwarded = { error: (error as Error).message };
      }
    }
    const event = outcome.ok ? (outcome.handshake ? 'handshake' : (outcome.name ?? '-')) : '-';
    const id = outcome.ok ? (outcome.id ?? '-') : '-';
    if (options.json) {
      io.out(
        `${JSON.stringify({ time: saved.receivedAt, provider: spec.name, event, id, verdict: saved.verdict, status: response.status, error: saved.error, forwarded, file })}\n`,
      );
      return answerSender();
    }
    const time = saved.receivedAt!.slice(11, 19);
    const verdict = outcome.ok ? paint('green', saved.verdict) : paint('red', `rejected (${outcome.code})`);
    let line = `${paint('dim', time)}  ${spec.name}  ${event}  ${paint('dim', `id=${id}`)}  ${verdict} ${response.status}`;
    if (forwarded) {
      line += forwarded.error
        ? `  ${paint('red', `→ forward failed: ${forwarded.error}`)}`
        : `  → ${paint(forwarded.status! < 300 ? 'green' : 'red', String(forwarded.status))} ${forwarded.ms!.toFixed(0)} ms`;
    }
    io.out(`${line}\n`);
    if (!outcome.ok)
      io.out(
        `${paint('dim', `  ${outcome.message}  (saved: ${file}; run \`hookwire verify ${spec.name} --secret … --request ${file}\` for why)`)}\n`,
      );
    answerSender();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      io.err(`listen: ${error.message}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(`--port ${port} is in use: choose another with --port.`)
          : error,
      ),
    );
    server.listen(port, options.host ?? '127.0.0.1', resolveListen);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}/`;
  if (!options.json) {
    io.out(
      `${paint('bold', `listening for ${spec.name} webhooks on ${url}`)}${forward ? ` → forwarding to ${forward.href}` : ''}\n`,
    );
    io.out(`${paint('dim', `saving each request in ${saveDir}; Ctrl+C stops`)}\n`);
  }
  return {
    url,
    saveDir,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function forwardUrl(forward: URL, received: string): string {
  const original = new URL(received);
  const path = forward.pathname === '/' ? original.pathname : forward.pathname;
  return `${forward.origin}${path}${forward.search || original.search}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`a request body over ${MAX_BODY} bytes was refused`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
