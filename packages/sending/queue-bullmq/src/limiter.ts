/**
 * The per-subscription bound across every worker: a Redis sorted set per subscription holds the
 * deliveries in flight, scored by when their claim expires (a dead worker's slots free themselves).
 * A delivery refused a slot is parked (a second sorted set) and its job delayed; whoever frees a
 * slot of that subscription promotes the oldest parked job, so a busy subscription costs a couple
 * of Redis calls per delivery instead of a retry loop. Slots are taken for a whole claim batch, and
 * freed for every settle of a tick, in one script call each. Both scripts are atomic, so a slot freed
 * while a job is being parked is never missed.
 */

// A claim batch in one call. KEYS: one busy set per delivery. ARGV: now, claim expiry, limit, then
// one member per key. Answers 1 (slot taken) or 0 per delivery, in order.
const ACQUIRE_MANY = `
local now, expiry, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local answers = {}
for i, key in ipairs(KEYS) do
  local member = ARGV[i + 3]
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZSCORE', key, member) or redis.call('ZCARD', key) < limit then
    redis.call('ZADD', key, expiry, member)
    redis.call('PEXPIREAT', key, expiry)
    answers[i] = 1
  else
    answers[i] = 0
  end
end
return answers`;

// Releases of a batch in one call. KEYS: busy set and parked set per delivery, in pairs. ARGV: one
// member per pair. Answers per delivery the parked job to promote, or '' for none.
const RELEASE_MANY = `
local answers = {}
for i = 1, #ARGV do
  redis.call('ZREM', KEYS[2 * i - 1], ARGV[i])
  local next = redis.call('ZPOPMIN', KEYS[2 * i])
  answers[i] = next[1] or ''
end
return answers`;

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
    client.defineCommand('hookwireExists', { numberOfKeys: 1, lua: EXISTS });
    client.defineCommand('hookwirePark', { numberOfKeys: 2, lua: PARK });
    client.defineCommand('hookwireAcquireMany', { lua: ACQUIRE_MANY });
    client.defineCommand('hookwireReleaseMany', { lua: RELEASE_MANY });
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

  /** Slots for a claim batch in one call: true per delivery that got one. */
  async acquireMany(
    items: readonly { subscriptionId: string; deliveryId: string }[],
    leaseMs: number,
  ): Promise<boolean[]> {
    if (items.length === 0) return [];
    const now = Date.now();
    const client = await this.getClient();
    const answers = (await client.runCommand('hookwireAcquireMany', [
      items.length,
      ...items.map((item) => this.busy(item.subscriptionId)),
      now,
      now + leaseMs,
      this.limit,
      ...items.map((item) => item.deliveryId),
    ])) as number[];
    return answers.map((answer) => Number(answer) === 1);
  }

  /** Frees the slots of a batch in one call; answers the parked jobs to promote. */
  async releaseMany(items: readonly { subscriptionId: string; deliveryId: string }[]): Promise<string[]> {
    if (items.length === 0) return [];
    const client = await this.getClient();
    const keys = items.flatMap((item) => [this.busy(item.subscriptionId), this.parked(item.subscriptionId)]);
    const answers = (await client.runCommand('hookwireReleaseMany', [
      keys.length,
      ...keys,
      ...items.map((item) => item.deliveryId),
    ])) as string[];
    return answers.filter((next) => next !== '');
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
}
