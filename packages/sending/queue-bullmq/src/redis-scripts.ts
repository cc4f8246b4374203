/**
 * The Redis scripts of the queue: the batch scripts of the hot path (`scripts.ts`) and the
 * rate-limit buckets shared by every worker.
 */
import { CLAIM, SCHEDULE, SETTLE } from './scripts.js';

// A rate-limit bucket (GCRA): KEYS: the bucket. ARGV: now, interval, tolerance, wanted (ms, ms, ms,
// count). Answers { granted, retry in ms }. Lua numbers are doubles; replies are whole numbers.
const TAKE_TOKENS = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local base = math.max(tat, now)
local granted = math.max(0, math.min(wanted, math.floor((now + tolerance - base) / interval) + 1))
local nextTat = base + granted * interval
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.ceil(nextTat - now + tolerance) + 1000)
local retry = 0
if granted < wanted then retry = math.ceil(math.max(0, nextTat - tolerance - now)) end
return { granted, retry }`;

/** The part of BullMQ's Redis client (ioredis, node-redis, …) the scripts use. */
export interface ScriptClient {
  /** Without `numberOfKeys`, each call passes its key count first. */
  defineCommand(name: string, definition: { numberOfKeys?: number; lua: string }): void;
  runCommand(name: string, args: (string | number)[]): Promise<any>;
  pipeline(): {
    runCommand(name: string, args: (string | number)[]): unknown;
    exec(): Promise<[Error | null, any][] | null>;
  };
}

const defined = new WeakSet<object>();

/** Registers the scripts once per client; the client sends EVALSHA and reloads them after a flush. */
export function withScripts(client: ScriptClient): ScriptClient {
  if (!defined.has(client)) {
    client.defineCommand('hookwireSchedule', { numberOfKeys: 5, lua: SCHEDULE });
    client.defineCommand('hookwireClaim', { numberOfKeys: 5, lua: CLAIM });
    client.defineCommand('hookwireSettle', { numberOfKeys: 6, lua: SETTLE });
    client.defineCommand('hookwireTakeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS });
    defined.add(client);
  }
  return client;
}
