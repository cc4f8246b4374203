/**
 * The queue's hot path as three Lua scripts, each handling a whole batch in one call, written for
 * BullMQ 5's Redis layout so that BullMQ's own tools (`getJobCounts`, `Job.fromId`, `getState`,
 * the stalled-job check, Bull Board) read what they write:
 *
 * - `<prefix>:<name>:<id>` is the job hash (`name`, `data` JSON, `timestamp`), and
 *   `<prefix>:<name>:<id>:lock` holds the token of the worker holding it;
 * - `wait` (a list: pushed left, taken from the right), `active` (a list), `delayed` (a sorted set
 *   scored `due time × 4096`, the low 12 bits ordering jobs of one millisecond), `paused` (the list
 *   `wait` becomes while `meta` has `paused`);
 * - `marker`, a sorted set workers block on: member `0` (score 0) when a job waits, member `1`
 *   scored with the next delayed time.
 *
 * BullMQ's per-job extras are left out: no event-stream entries, metrics, attempt counters, `opts`,
 * `delay` or `priority` in the job hash (nothing here reads them; BullMQ reads them as absent).
 * The per-subscription bound lives beside them, under `<prefix>:<name>:hookwire:`: a sorted set
 * of the deliveries in flight per subscription (`busy:<id>`, scored by when the claim expires),
 * and one of the deliveries refused a slot (`parked:<id>`), which also sit in `delayed` (a
 * backstop at `parkMs`) until a slot of their subscription frees.
 *
 * Job keys are derived inside the scripts, as BullMQ's own scripts do: on Redis Cluster the prefix
 * must be a hash tag (`{hookwire}`).
 */

/** Pushes a list of members in chunks (Lua's `unpack` has a stack limit). */
const PUSH_ALL = `
local function pushAll(command, key, items)
  for i = 1, #items, 4000 do
    redis.call(command, key, unpack(items, i, math.min(i + 3999, #items)))
  end
end`;

/** Sets the delayed marker to the earliest delayed job, so blocked workers wake for it. */
const MARK_DELAYED = `
local function markDelayed(delayed, marker)
  local first = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
  if first[2] then
    local at = math.floor(tonumber(first[2]) / 4096)
    redis.call('ZADD', marker, at, '1')
    return at
  end
  return 0
end`;

/**
 * Adds deliveries, idempotent by id. KEYS: wait, paused, meta, delayed, marker. ARGV: job key
 * prefix, now, then per delivery: id, run at (ms), delayed score, data JSON, and `1` when the
 * delivery was just created (no job can exist: not looked for). A delivery whose job exists is left
 * alone, except that one waiting in `delayed` becomes due at once when asked for now (a requeue).
 * Answers the number of jobs made due.
 */
export const SCHEDULE = `${PUSH_ALL}${MARK_DELAYED}
local jobPrefix, now = ARGV[1], tonumber(ARGV[2])
local delayed, marker = KEYS[4], KEYS[5]
local paused = redis.call('HEXISTS', KEYS[3], 'paused') == 1
local target = KEYS[1]
if paused then target = KEYS[2] end
local due, later = {}, false
for i = 3, #ARGV, 5 do
  local id, runAt = ARGV[i], tonumber(ARGV[i + 1])
  local jobKey = jobPrefix .. id
  if ARGV[i + 4] ~= '1' and redis.call('EXISTS', jobKey) == 1 then
    if runAt <= now and redis.call('ZREM', delayed, id) == 1 then due[#due + 1] = id end
  else
    redis.call('HSET', jobKey, 'name', 'deliver', 'data', ARGV[i + 3], 'timestamp', ARGV[2])
    if runAt > now then
      redis.call('ZADD', delayed, ARGV[i + 2], id)
      later = true
    else
      due[#due + 1] = id
    end
  end
end
if #due > 0 then
  pushAll('LPUSH', target, due)
  if not paused then redis.call('ZADD', marker, 0, '0') end
end
if later then markDelayed(delayed, marker) end
return #due`;

/**
 * The arguments of a claim, first in both scripts that claim. ARGV: job key prefix, slot key
 * prefix, most jobs to take, now, lease ms, token, slot limit (0: none), parked score (the backstop
 * in `delayed`), parked keys' expiry, most jobs to look at, the number of subscriptions to leave
 * alone (the worker is full for them), then those subscriptions. `rest` is where the script's own
 * arguments start.
 */
const CLAIM_ARGS = `
local jobPrefix, slotPrefix = ARGV[1], ARGV[2]
local limit, now, leaseMs = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local token, slotLimit = ARGV[6], tonumber(ARGV[7])
local parkScore, parkedExpiry, scanMax = ARGV[8], ARGV[9], tonumber(ARGV[10])
local rest = 12 + tonumber(ARGV[11])
local skip = {}
for i = 12, rest - 1 do skip[ARGV[i]] = true end`;

/**
 * Takes up to `limit` jobs with their per-subscription slots: due delayed jobs join `wait` first,
 * a job refused a slot is parked. Locks each job taken with `token` followed by its id. Appends id
 * and subscription ('' for none) per job taken to `answer`. Answers how many it took, and whether
 * it stopped before the wait list ran dry.
 */
const CLAIM_JOBS = `
local function claimJobs(wait, active, delayed, answer)
  local due = redis.call('ZRANGEBYSCORE', delayed, 0, (now + 1) * 4096 - 1, 'LIMIT', 0, 1000)
  if #due > 0 then
    for i = 1, #due, 4000 do
      redis.call('ZREM', delayed, unpack(due, i, math.min(i + 3999, #due)))
    end
    pushAll('LPUSH', wait, due)
  end

  local taken, scanned = {}, 0
  -- Numbers handed to redis.call are formatted on every call: these go as strings, made once.
  local expiry = tostring(now + tonumber(leaseMs))
  -- Per subscription met in this batch: slots in use, and the members to add to its busy set.
  local inFlight, slots, subs = {}, {}, {}
  while #taken < limit and scanned < scanMax do
    local ids = redis.call('RPOP', wait, math.min(limit - #taken, scanMax - scanned))
    if not ids then break end
    for _, id in ipairs(ids) do
      scanned = scanned + 1
      local jobKey = jobPrefix .. id
      local data = redis.call('HGET', jobKey, 'data')
      if data then
        -- The data this queue writes is {"s":"<subscription>"}: read without a JSON parser when so.
        local sub = string.match(data, '^{"s":"([^"\\\\]*)"}$')
        if sub == nil then
          sub = ''
          local ok, decoded = pcall(cjson.decode, data)
          if ok and type(decoded) == 'table' and type(decoded.s) == 'string' then sub = decoded.s end
        end
        local granted = true
        if sub ~= '' and slotLimit > 0 then
          local busy = slotPrefix .. 'busy:' .. sub
          if skip[sub] then
            granted = false
          else
            local count = inFlight[sub]
            if count == nil then
              -- Expired members (a dead worker's) are not counted; settles and take-overs remove them.
              count = redis.call('ZCOUNT', busy, '(' .. ARGV[4], '+inf')
              slots[sub] = {}
              subs[#subs + 1] = sub
            end
            -- A job taken over from a dead worker may still hold a live slot: counted once more
            -- here, which only errs on the safe side.
            local own = count < slotLimit or redis.call('ZSCORE', busy, id)
            if own and (own == true or tonumber(own) > now) then
              count = count + 1
              local members = slots[sub]
              members[#members + 1] = expiry
              members[#members + 1] = id
            else
              granted = false
            end
            inFlight[sub] = count
          end
          if not granted then
            local parked = slotPrefix .. 'parked:' .. sub
            redis.call('ZADD', delayed, parkScore, id)
            redis.call('ZADD', parked, 'NX', ARGV[4], id)
            redis.call('PEXPIREAT', parked, parkedExpiry)
          end
        end
        if granted then
          taken[#taken + 1] = id
          local held = token .. id
          redis.call('SET', jobKey .. ':lock', held, 'PX', leaseMs)
          answer[#answer + 1] = id
          answer[#answer + 1] = sub
        end
      end
    end
  end
  if #taken > 0 then pushAll('LPUSH', active, taken) end
  for _, sub in ipairs(subs) do
    local busy, members = slotPrefix .. 'busy:' .. sub, slots[sub]
    if #members > 0 then
      for i = 1, #members, 4000 do
        redis.call('ZADD', busy, unpack(members, i, math.min(i + 3999, #members)))
      end
      redis.call('PEXPIREAT', busy, expiry)
    end
  end
  return #taken, #taken >= limit or scanned >= scanMax
end`;

/**
 * Claims up to `limit` jobs (see `CLAIM_ARGS`, `claimJobs`). KEYS: wait, active, delayed, marker,
 * meta. Answers { next delayed time (when it took nothing) or 0, then id and subscription per
 * job taken }. Wakes another worker only when jobs are left in `wait`.
 */
export const CLAIM = `${PUSH_ALL}${MARK_DELAYED}${CLAIM_ARGS}${CLAIM_JOBS}
local wait, active, delayed, marker = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('HEXISTS', KEYS[5], 'paused') == 1 then return { 0 } end
local answer = { 0 }
local taken, more = claimJobs(wait, active, delayed, answer)
if more and redis.call('LLEN', wait) > 0 then
  redis.call('ZADD', marker, 0, '0')
elseif taken == 0 then
  answer[1] = markDelayed(delayed, marker)
end
return answer`;

/**
 * Finishes leases, and promotes jobs, in one call, then claims up to `limit` jobs for the worker
 * (the read-ahead: `limit` 0 claims nothing). KEYS: wait, active, delayed, marker, meta, paused.
 * ARGV: the claim's (`CLAIM_ARGS`), then per item: id, token, op, delayed score, subscription (''
 * for none). Ops: `c` completed (the job is removed), `d` due later (to `delayed`), `n` due now
 * (back of `wait`), `f` handed back (front of `wait`): each only while the token still holds the
 * job's lock, or the lock expired with the job still active; `p` promotes a delayed job (no lock).
 * Freeing a slot lets the next parked job of its subscription go to the front of `wait`, for any
 * worker: the call then reads nothing ahead. Answers 1 per item applied, 0 per job no longer ours,
 * then, when it claimed, the claim's answer ({ 0, then id and subscription per job taken }).
 */
export const SETTLE = `${PUSH_ALL}${MARK_DELAYED}${CLAIM_ARGS}${CLAIM_JOBS}
local wait, active, delayed, marker = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local paused = redis.call('HEXISTS', KEYS[5], 'paused') == 1
local target = wait
if paused then target = KEYS[6] end
local answer, woke, later = {}, false, false
-- The locks of the leases this call ends, read in one command (and deleted in one, below).
local lockKeys, holders = {}, {}
for i = rest, #ARGV, 5 do
  if ARGV[i + 2] ~= 'p' then lockKeys[#lockKeys + 1] = jobPrefix .. ARGV[i] .. ':lock' end
end
for i = 1, #lockKeys, 4000 do
  local got = redis.call('MGET', unpack(lockKeys, i, math.min(i + 3999, #lockKeys)))
  for j = 1, #got do holders[#holders + 1] = got[j] end
end
-- Keys to delete, and the locks among them (gone for a job met again in this call).
local doomed, gone, n = {}, {}, 0
-- Slots freed per subscription, released together after the loop.
local freed, subs, unparked = {}, {}, false
for i = rest, #ARGV, 5 do
  local id, token, op, score, sub = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local applied = 0
  if op == 'p' then
    if redis.call('ZREM', delayed, id) == 1 then
      redis.call('LPUSH', target, id)
      woke, applied = true, 1
    end
  else
    n = n + 1
    local lockKey, holder = lockKeys[n], holders[n]
    if gone[lockKey] then holder = false end
    if holder == token or not holder then
      local removed = redis.call('LREM', active, -1, id)
      if removed > 0 and op == 'c' then
        doomed[#doomed + 1] = jobPrefix .. id
      end
      if holder or (removed > 0 and op == 'c') then
        doomed[#doomed + 1] = lockKey
        gone[lockKey] = true
      end
      if removed > 0 then
        applied = 1
        if op == 'c' then
          -- deleted with its lock below
        elseif op == 'd' then
          redis.call('ZADD', delayed, score, id)
          later = true
        elseif op == 'n' then
          redis.call('LPUSH', target, id)
          woke = true
        else
          redis.call('RPUSH', target, id)
          woke = true
        end
      end
      if sub ~= '' and (holder or removed > 0) then
        local ids = freed[sub]
        if not ids then
          ids = {}
          freed[sub] = ids
          subs[#subs + 1] = sub
        end
        ids[#ids + 1] = id
      end
    end
  end
  answer[#answer + 1] = applied
end
-- Before the read-ahead, which may lock a job handed back here anew.
for i = 1, #doomed, 4000 do
  redis.call('DEL', unpack(doomed, i, math.min(i + 3999, #doomed)))
end
-- Each slot freed lets the oldest parked job of its subscription go to the front of the line.
for _, sub in ipairs(subs) do
  local ids = freed[sub]
  for i = 1, #ids, 4000 do
    redis.call('ZREM', slotPrefix .. 'busy:' .. sub, unpack(ids, i, math.min(i + 3999, #ids)))
  end
  local parked, wanted = slotPrefix .. 'parked:' .. sub, #ids
  while wanted > 0 do
    local popped = redis.call('ZPOPMIN', parked, wanted)
    if not popped[1] then break end
    for j = 1, #popped, 2 do
      if redis.call('ZREM', delayed, popped[j]) == 1 then
        redis.call('RPUSH', target, popped[j])
        woke, unparked = true, true
        wanted = wanted - 1
      end
    end
  end
end
-- A job let go from parking was refused a slot, maybe by another worker: it is left to whoever
-- claims first rather than read ahead here, or the worker settling would keep the bound's slots.
local more = false
if limit > 0 and not paused and not unparked then
  answer[#answer + 1] = 0
  local _, stopped = claimJobs(wait, active, delayed, answer)
  more = stopped
end
-- Jobs left waiting: wake a worker (once per call, and not for the jobs the read-ahead took).
if not paused and (woke or more) and (limit == 0 or redis.call('LLEN', wait) > 0) then
  redis.call('ZADD', marker, 0, '0')
end
if later then markDelayed(delayed, marker) end
return answer`;
