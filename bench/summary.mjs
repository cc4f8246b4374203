// The performance issue's table from the figures the benchmarks record (`bench/run.mjs all`).

const TARGETS = {
  'sender + memory': '85 % of raw',
  'sender + SQLite': '65 % of raw',
  'PostgreSQL + BullMQ, 1 worker': '½ of SQLite or better',
  'publish, PostgreSQL + BullMQ': 'p99 < 3 ms',
  fanout: 'worst ≤ 20 ms',
  'fastify adapter': '0.9x',
  'express adapter': '0.95x',
};

export function summarise(results) {
  const by = new Map(results.map((result) => [result.row, result]));
  const n = (value, digits = 0) =>
    value === undefined || Number.isNaN(value)
      ? '—'
      : value.toLocaleString('en-US', { maximumFractionDigits: digits });
  const rows = [];
  const raw = by.get('raw undici')?.perSecond;
  const sqlite = by.get('sender + SQLite')?.perSecond;
  const add = (path, figure, ratio, target = '') => rows.push([path, figure, ratio, target]);
  if (raw) add('raw undici request()', `${n(raw)}/s`, '100 %', '(the limit)');
  for (const name of ['sender + memory', 'sender + SQLite']) {
    const r = by.get(name);
    if (!r) continue;
    // The recorded ratio is the median of per-round ratios (steadier than a ratio of medians).
    const ratio = r.ratio ?? r.perSecond / raw;
    const cpu = r.cpuRatio === undefined ? '' : `; by CPU per delivery ${n(r.cpuRatio * 100)} %`;
    add(name, `${n(r.perSecond)}/s`, `${n(ratio * 100)} % of raw${cpu}`, TARGETS[name]);
  }
  for (const result of results.filter((r) => r.row.startsWith('PostgreSQL'))) {
    let detail = `${n(result.statements, 2)} SQL stmt/delivery`;
    if (result.scripts !== undefined)
      detail += `, ${n(result.scripts, 2)} Redis scripts, ${n(result.redisUsec, 1)} µs Redis/delivery`;
    add(
      result.row,
      `${n(result.perSecond)}/s`,
      sqlite ? `${n(result.perSecond / sqlite, 2)}x SQLite; ${detail}` : detail,
      TARGETS[result.row] ?? (result.row.includes('BullMQ') ? '≤ 0.5 stmt, ≤ 1 script, ≤ 25 µs' : ''),
    );
  }
  for (const name of ['publish, PostgreSQL + BullMQ', 'publish, PostgreSQL as queue']) {
    const r = by.get(name);
    if (r) add(name, `p50 ${n(r.p50, 2)} ms`, `p99 ${n(r.p99, 2)} ms`, TARGETS[name] ?? '');
  }
  for (const result of results.filter((r) => r.row.startsWith('fan-out'))) {
    add(
      result.row,
      `worst ${n(result.worst, 1)} ms`,
      `three at once ${n(result.threeWorst, 1)} ms; idle ${n(result.idleWorst, 1)} ms`,
      TARGETS.fanout,
    );
  }
  for (const name of ['fastify adapter', 'express adapter']) {
    const r = by.get(name);
    if (r)
      add(
        `${name} vs hand-written route`,
        `${n(r.adapterUs, 1)} µs CPU/request`,
        `${n(r.ratio, 2)}x`,
        TARGETS[name],
      );
  }
  const header = ['path', 'figure', 'ratio', 'target'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
