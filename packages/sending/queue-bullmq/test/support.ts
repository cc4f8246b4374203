import { randomBytes } from 'node:crypto';
import { type BullmqQueue, type BullmqQueueOptions, createBullmqQueue } from '@hookwire/queue-bullmq';
import type { ClaimOptions } from '@hookwire/sender';
import { afterEach } from 'vitest';

/** Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (see scripts/services.sh). */
export const REDIS_URL = process.env.HOOKWIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL =
  process.env.HOOKWIRE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const RUN = `hwtest-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
let counter = 0;

/** A Redis key prefix and a PostgreSQL schema no other test (or engineer) uses. */
export function fresh(): { prefix: string; schema: string } {
  counter += 1;
  return { prefix: `${RUN}-${counter}`, schema: `${RUN.replaceAll('-', '_')}_${counter}` };
}

interface ScanClient {
  scan(cursor: string, options: { MATCH: string; COUNT: number }): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
}

/**
 * Deletes every key under `prefix`: what FLUSHALL does to a deployment, without touching the
 * keys of anyone else sharing this Redis server.
 */
export async function deleteKeys(queue: BullmqQueue, prefix: string): Promise<number> {
  const client = (await queue.queue.client) as unknown as ScanClient;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, { MATCH: `${prefix}:*`, COUNT: 1000 });
    cursor = next;
    if (keys.length > 0) deleted += await client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** Every test-run key and schema, for the final clean-up. */
export const RUN_PREFIX = RUN;
export const RUN_SCHEMA_PREFIX = RUN.replaceAll('-', '_');

export { waitFor } from '@hookwire/sender/testing';

/**
 * Queues for the tests of one file: `open` makes one (a fresh prefix unless given, a 200 ms stalled
 * check, claims that wait 100 ms), `track` adopts one made otherwise; after each test every queue
 * is closed and its keys deleted.
 */
export function testQueues() {
  const queues: { queue: BullmqQueue; prefix: string }[] = [];
  afterEach(async () => {
    for (const { queue, prefix } of queues.splice(0)) {
      await deleteKeys(queue, prefix);
      await queue.close();
    }
  });
  const track = (queue: BullmqQueue, prefix: string) => {
    queues.push({ queue, prefix });
    return queue;
  };
  const open = (prefix = fresh().prefix, options: Partial<BullmqQueueOptions> = {}) =>
    track(
      createBullmqQueue({ connection: REDIS_URL, prefix, stalledIntervalMs: 200, blockMs: 100, ...options }),
      prefix,
    );
  return { open, track };
}

/** A claim of up to 10 under a 30 s lease, now. */
export const claim = (queue: BullmqQueue, options: Partial<ClaimOptions> = {}) =>
  queue.claim({ limit: 10, leaseMs: 30_000, now: Date.now(), ...options });

interface CommandClient {
  sendCommand(command: { name: string }, ...rest: unknown[]): unknown;
}

/** Counts the scripts (EVALSHA / EVAL) a queue sends to Redis from now on. */
export async function countScripts(queue: BullmqQueue): Promise<{ calls: number }> {
  const client = (await queue.queue.client) as unknown as CommandClient;
  const counter = { calls: 0 };
  const send = client.sendCommand.bind(client);
  client.sendCommand = (command, ...rest) => {
    if (command.name === 'evalsha' || command.name === 'eval') counter.calls += 1;
    return send(command, ...rest);
  };
  return counter;
}
