// HMAC-SHA256 verification on core's two crypto paths, in one run: node:crypto (synchronous, what
// Node, Deno and Bun use) and Web Crypto (asynchronous, what runtimes without node:crypto use, such
// as Cloudflare Workers without nodejs_compat). The Web Crypto path is the same built core loaded
// in a worker thread with `process.getBuiltinModule` hidden, as core chooses its path at import.
// Both measure `verifyHmac` and the GitHub receiver's `receive` on a 1 KiB body, by CPU time, in
// alternating rounds. Uses the BUILT packages: `pnpm build` first.
//
//   node bench/crypto-paths.mjs      (BENCH_ROUNDS, BENCH_MS tune the run)
import { createHmac } from 'node:crypto';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const ms = Number(process.env.BENCH_MS ?? 400);
const secret = 'bench crypto secret';
const body = new TextEncoder().encode(JSON.stringify({ action: 'opened', filler: 'x'.repeat(994) }));
const signature = createHmac('sha256', secret).update(body).digest('hex');

if (!isMainThread) {
  process.getBuiltinModule = undefined;
  const cases = await loadCases();
  parentPort.on('message', async (name) => parentPort.postMessage(await measure(cases, name)));
  parentPort.postMessage('ready');
} else {
  await main();
}

async function loadCases() {
  const { cryptoPath, verifyHmac, createWebhookRequest } = await import('@hookwire/core');
  const { github } = await import('@hookwire/github');
  const receiver = github({ secret });
  const request = createWebhookRequest({
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': 'd-1',
      'x-hub-signature-256': `sha256=${signature}`,
    },
    body,
  });
  const options = {
    algorithm: 'sha256',
    secrets: [secret],
    parts: [body],
    signatures: signature,
    encoding: 'hex',
    header: 'X-Hub-Signature-256',
    provider: 'Bench',
  };
  const async = cryptoPath === 'web';
  await verifyHmac(options); // throws if the setup is wrong
  return {
    path: cryptoPath,
    verifyHmac: { fn: () => verifyHmac(options), async },
    'github receive': { fn: () => receiver.receive(request), async: true },
  };
}

async function measure(cases, name) {
  const { opsPerSecond } = await import('./measure.mjs');
  const { fn, async } = cases[name];
  return { path: cases.path, ops: await opsPerSecond(fn, ms, async) };
}

async function main() {
  const { formatOps, printTable } = await import('./measure.mjs');
  const local = await loadCases();
  if (local.path !== 'node') throw new Error(`expected the node:crypto path here, got ${local.path}`);
  const worker = new Worker(new URL(import.meta.url));
  const ask = (name) => new Promise((resolve) => worker.once('message', resolve).postMessage(name));
  await new Promise((resolve) => worker.once('message', resolve));
  const rows = [];
  for (const name of ['verifyHmac', 'github receive']) {
    const node = [];
    const web = [];
    await measure(local, name);
    await ask(name); // warm-up of both
    for (let round = 0; round < rounds; round++) {
      node.push((await measure(local, name)).ops);
      const remote = await ask(name);
      if (remote.path !== 'web')
        throw new Error(`expected the Web Crypto path in the worker, got ${remote.path}`);
      web.push(remote.ops);
    }
    const nodeOps = median(node);
    const webOps = median(web);
    rows.push({
      'HMAC-SHA256, 1 KiB': name,
      'node:crypto ops/s': formatOps(nodeOps),
      'Web Crypto ops/s': formatOps(webOps),
      'node:crypto / Web Crypto': `${(nodeOps / webOps).toFixed(1)}x`,
    });
  }
  await worker.terminate();
  console.log(
    `crypto paths on Node ${process.versions.node}, ${rounds} rounds of ${ms} ms CPU each, medians\n`,
  );
  printTable(rows, Object.keys(rows[0]));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
