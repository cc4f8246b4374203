import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BullmqQueue, createBullmqQueue } from '@hookwire/queue-bullmq';
import { createSender, type Sender } from '@hookwire/sender';
import { createPostgresStore, type PostgresStore } from '@hookwire/store-postgres';
import { usePostgres } from '@hookwire/store-postgres/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DATABASE_URL, deleteKeys, REDIS_URL } from './support.js';

const packages = fileURLToPath(new URL('../../../', import.meta.url));
const workerScript = fileURLToPath(new URL('./fixtures/worker.mjs', import.meta.url));

/** Worker processes load the built packages, as an application would; build what is missing. */
export function ensureBuilt(): void {
  for (const name of ['core', 'sending/sender', 'sending/store-postgres', 'sending/queue-bullmq']) {
    if (!existsSync(join(packages, name, 'dist', 'index.js'))) {
      execFileSync('npx', ['tsup'], { cwd: join(packages, name), stdio: 'ignore' });
    }
  }
}

/**
 * For a test file of worker processes: builds what they load, holds the PostgreSQL restart lock
 * while the file runs, and runs `afterEachTest` after every test.
 */
export function holdWorkersForFile(afterEachTest: () => Promise<void>): void {
  let release: () => Promise<void>;
  beforeAll(async () => {
    ensureBuilt();
    release = await usePostgres();
  }, 250_000);
  afterAll(() => release());
  afterEach(afterEachTest);
}

export interface Subscriber {
  url: string;
  /** Requests per `path webhook-id`. */
  received: Map<string, number>;
  /** `path webhook-id` answered 2xx to a sender that was still there to hear it. */
  acknowledged: Set<string>;
  maxInFlight: Map<string, number>;
  inFlight: Map<string, number>;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/** Requests in flight per path, and the most there ever were at once. */
export function inFlightCounter() {
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  return {
    inFlight,
    maxInFlight,
    enter(path: string) {
      const now = (inFlight.get(path) ?? 0) + 1;
      inFlight.set(path, now);
      maxInFlight.set(path, Math.max(now, maxInFlight.get(path) ?? 0));
    },
    leave(path: string) {
      inFlight.set(path, inFlight.get(path)! - 1);
    },
  };
}

/** A loopback subscriber: answers after `delayMs`; `fail(key, n)` makes the n-th request of a key answer 500. */
export async function startSubscriber(
  delayMs: number,
  fail: (key: string, n: number) => boolean = () => false,
): Promise<Subscriber> {
  let delay = delayMs;
  const received = new Map<string, number>();
  const acknowledged = new Set<string>();
  const { inFlight, maxInFlight, enter, leave } = inFlightCounter();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url!;
      const key = `${path} ${req.headers['webhook-id']}`;
      const n = (received.get(key) ?? 0) + 1;
      received.set(key, n);
      enter(path);
      setTimeout(() => {
        leave(path);
        if (req.socket.destroyed) return; // the sender died before it could hear the answer
        if (fail(key, n)) {
          res.writeHead(500).end();
          return;
        }
        acknowledged.add(key);
        res.writeHead(204).end();
      }, delay);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    acknowledged,
    inFlight,
    maxInFlight,
    setDelay: (ms) => {
      delay = ms;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface WorkerProcess {
  proc: ChildProcess;
  delivered: string[];
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface Deployment {
  schema: string;
  prefix: string;
  store: PostgresStore;
  queue: BullmqQueue;
  /** Publishes (an `api` process): never started, so it delivers nothing itself. */
  sender: Sender;
  workers: WorkerProcess[];
  startWorker(): WorkerProcess;
  close(): Promise<void>;
}

export async function deploy(
  names: { schema: string; prefix: string },
  settings: { leaseMs: number; timeoutMs: number; perSubscription: number },
): Promise<Deployment> {
  const store = await createPostgresStore({
    connectionString: DATABASE_URL,
    schema: names.schema,
    max: 4,
    onError: () => {},
  });
  const queue = createBullmqQueue({
    connection: REDIS_URL,
    prefix: names.prefix,
    perSubscriptionConcurrency: settings.perSubscription,
    onError: () => {},
  });
  const sender = createSender({ store, queue, allowPrivateNetwork: true });
  const workers: WorkerProcess[] = [];
  const config = JSON.stringify({
    database: DATABASE_URL,
    redis: REDIS_URL,
    schema: names.schema,
    prefix: names.prefix,
    ...settings,
  });
  const startWorker = (): WorkerProcess => {
    const proc = spawn(process.execPath, [workerScript, config], { stdio: ['ignore', 'pipe', 'inherit'] });
    const delivered: string[] = [];
    let buffer = '';
    let markReady: () => void;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') markReady();
        if (line.startsWith('delivered ')) delivered.push(line.slice(10));
      }
    });
    const worker: WorkerProcess = {
      proc,
      delivered,
      ready,
      stop: async () => {
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGTERM');
        await exited;
      },
    };
    workers.push(worker);
    return worker;
  };
  return {
    ...names,
    store,
    queue,
    sender,
    workers,
    startWorker,
    close: async () => {
      for (const worker of workers) if (worker.proc.exitCode === null) worker.proc.kill('SIGKILL');
      await deleteKeys(queue, names.prefix).catch(() => {});
      await store.pool.query(`DROP SCHEMA IF EXISTS "${names.schema}" CASCADE`);
      await sender.close();
    },
  };
}

export { waitFor as until } from '@hookwire/sender/testing';
