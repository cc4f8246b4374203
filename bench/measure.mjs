// Timing helpers shared by the bench scripts. Time is the process's CPU time (user + system), not
// the wall clock, so that other work on a shared machine does not count against a contender; rounds
// are interleaved and the median is kept.

const BATCH = 200;

/** Milliseconds of CPU time this process has used. */
export function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Operations per CPU-second of `fn` over about `ms` milliseconds of CPU; `fn` may return a promise (awaited). */
export async function opsPerSecond(fn, ms, isAsync) {
  let ops = 0;
  const start = cpuMs();
  const end = start + ms;
  let now = start;
  if (isAsync) {
    while (now < end) {
      for (let i = 0; i < BATCH; i++) await fn();
      ops += BATCH;
      now = cpuMs();
    }
  } else {
    while (now < end) {
      for (let i = 0; i < BATCH; i++) fn();
      ops += BATCH;
      now = cpuMs();
    }
  }
  return (ops * 1000) / (now - start);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs each contender `{ name, fn, async }` for `ms` per round, interleaved over `rounds` rounds
 * after a warm-up. Returns, by name, the median ops/s and the median over rounds of the ratio to
 * the first contender (each round's contenders ran back to back, under the same load).
 */
export async function compare(contenders, { rounds = 5, ms = 1000, warmupMs = 500 } = {}) {
  for (const c of contenders) await opsPerSecond(c.fn, warmupMs, c.async);
  const samples = new Map(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so neither always runs right after the other's garbage.
    const order = round % 2 ? [...contenders].reverse() : contenders;
    for (const c of order) samples.get(c.name).push(await opsPerSecond(c.fn, ms, c.async));
  }
  const first = samples.get(contenders[0].name);
  return new Map(
    [...samples].map(([name, values]) => [
      name,
      { ops: median(values), ratioToFirst: median(values.map((value, round) => value / first[round])) },
    ]),
  );
}

export function formatOps(value) {
  return Math.round(value).toLocaleString('en-US');
}

export function printTable(rows, columns) {
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells) => cells.map((cell, i) => String(cell).padStart(widths[i])).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(columns.map((column) => row[column])));
}

/** Starts bench/subscriber.mjs in its own process; `url` takes POSTs, `close()` stops it. */
export async function startSubscriber() {
  const { fork } = await import('node:child_process');
  const child = fork(new URL('./subscriber.mjs', import.meta.url), [], { stdio: 'inherit' });
  const port = await new Promise((resolve) => child.once('message', resolve));
  return { url: `http://127.0.0.1:${port}/hook`, close: () => child.kill() };
}
