/**
 * The per-subscription bound across every worker: a Redis sorted set per subscription holds the
 * deliveries in flight, scored by when their claim expires (a dead worker's slots free themselves).
 * A delivery refused a slot is parked (a second sorted set) and its job delayed; whoever frees a
 * slot of that subscription promotes the oldest parked job, so a busy subscription costs a couple
 * of Redis calls per delivery instead of a retry loop. Both scripts are atomic, so a slot freed
 * while a job is being parked is never missed.
 */

// KEYS: busy set. ARGV: member, now, claim expiry, limit.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
  return 1
end
return 0`;

// KEYS: busy set, parked set. ARGV: member, now, limit, parked expiry, check. With `check`,
// answers a job to promote when a slot is free by now (freed while this job was being parked).
const PARK = `
redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1])
redis.call('PEXPIREAT', KEYS[2], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if ARGV[5] == '1' and redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  local next = redis.call('ZPOPMIN', KEYS[2])
  return next[1]
end
return false`;

// KEYS: busy set, parked set. ARGV: member. Answers the parked job to promote, if any.
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
local next = redis.call('ZPOPMIN', KEYS[2])
return next[1]`;

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

// Whether a job exists (its hash key), for `schedule` to tell new deliveries from known ones.
const EXISTS = `return redis.call('EXISTS', KEYS[1])`;

/** The part of BullMQ's Redis client (ioredis, node-redis, …) the scripts use. */
export interface ScriptClient {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
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
    client.defineCommand('hookwireExists', { numberOfKeys: 1, lua: EXISTS });
    client.defineCommand('hookwireAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    client.defineCommand('hookwirePark', { numberOfKeys: 2, lua: PARK });
    client.defineCommand('hookwireRelease', { numberOfKeys: 2, lua: RELEASE });
    client.defineCommand('hookwireTakeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS });
    defined.add(client);
  }
  return client;
}

export class SubscriptionLimiter {
  constructor(
    private readonly getClient: () => Promise<ScriptClient>,
    private readonly keyPrefix: string,
    readonly limit: number,
  ) {}

  private busy(subscriptionId: string): string {
    return `${this.keyPrefix}busy:${subscriptionId}`;
  }

  private parked(subscriptionId: string): string {
    return `${this.keyPrefix}parked:${subscriptionId}`;
  }

  async acquire(subscriptionId: string, deliveryId: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    const client = await this.getClient();
    const args = [this.busy(subscriptionId), deliveryId, now, now + leaseMs, this.limit];
    return (await client.runCommand('hookwireAcquire', args)) === 1;
  }

  /**
   * Parks a delivery whose job was just delayed, until a slot of its subscription frees. After a
   * refused `acquire`, `check` answers a job to promote now if a slot freed meanwhile; without it
   * (the worker itself is full for the subscription) the job waits for the next release.
   */
  async park(
    subscriptionId: string,
    deliveryId: string,
    parkMs: number,
    check: boolean,
  ): Promise<string | null> {
    const now = Date.now();
    const client = await this.getClient();
    const keys = [this.busy(subscriptionId), this.parked(subscriptionId)];
    const args = [deliveryId, now, this.limit, now + 2 * parkMs, check ? '1' : '0'];
    return client.runCommand('hookwirePark', [...keys, ...args]);
  }

  /** Frees the delivery's slot; answers the parked job to promote, if any. */
  async release(subscriptionId: string, deliveryId: string): Promise<string | null> {
    const client = await this.getClient();
    return client.runCommand('hookwireRelease', [
      this.busy(subscriptionId),
      this.parked(subscriptionId),
      deliveryId,
    ]);
  }
}
