import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Listener, listen } from '../src/commands/listen.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

export interface BufferIo extends Io {
  stdout: string[];
  stderr: string[];
}

export function bufferIo(options: { stdin?: string; env?: Record<string, string> } = {}): BufferIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    env: options.env ?? {},
    readStdin: async () => Buffer.from(options.stdin ?? ''),
    colorOut: false,
    colorErr: false,
  };
}

/** Runs `hookwire …` in this process; resolves to its exit code and what it printed. */
export async function cli(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  const io = bufferIo(options);
  const code = await main(argv, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

export function tempDir(prefix = 'hookwire-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A `listen` on a free port of 127.0.0.1, its output kept in `io`. */
export async function startListen(provider: string, secret: string, extra: Record<string, string> = {}) {
  const io = bufferIo();
  const saveDir = tempDir('hookwire-listen-');
  const listener: Listener = await listen(io, { provider, secret, port: '0', saveDir, ...extra });
  return { listener, io, saveDir, lines: () => io.stdout.join('') };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** `hookwire trigger <provider> <event> --to <to> --secret <secret>`. */
export function trigger(provider: string, event: string, to: string, secret: string) {
  return cli(['trigger', provider, event, '--to', to, '--secret', secret]);
}
