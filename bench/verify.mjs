// Verification benchmark: Hookwire's github, stripe and standard-webhooks receivers
// (`receiver.receive(request)`: verify + parse) against the peer each user would otherwise use,
// side by side in one process, on 1 KiB JSON payloads. Uses the BUILT packages: `pnpm build` first.
//
//   node bench/verify.mjs            (BENCH_ROUNDS, BENCH_MS tune the run)
import assert from 'node:assert/strict';
import os from 'node:os';
import { generateStandardSecret } from '@hookwire/core';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import { standardWebhooks } from '@hookwire/standard-webhooks';
import { signStandardWebhookRequest } from '@hookwire/standard-webhooks/testing';
import { stripe } from '@hookwire/stripe';
import { signStripeRequest } from '@hookwire/stripe/testing';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { compare, formatOps, opsPerSecond, printTable } from './measure.mjs';

const PAYLOAD_BYTES = 1024;
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const ms = Number(process.env.BENCH_MS ?? 300);

/** The object serialised to exactly `PAYLOAD_BYTES` bytes, padded with a `filler` field. */
function body(object) {
  const bare = JSON.stringify({ ...object, filler: '' });
  const text = JSON.stringify({ ...object, filler: 'x'.repeat(PAYLOAD_BYTES - Buffer.byteLength(bare)) });
  assert.equal(Buffer.byteLength(text), PAYLOAD_BYTES);
  return text;
}

function githubCase() {
  const secret = 'bench github secret';
  const text = body({
    action: 'opened',
    issue: { number: 1347, title: 'Found a bug', user: { login: 'octocat', id: 1 }, state: 'open' },
    repository: { id: 1296269, full_name: 'octocat/Hello-World', private: false },
    sender: { login: 'octocat', id: 1 },
  });
  const request = signGitHubRequest({ secret, event: 'issues', body: text });
  const receiver = github({ secret });
  const signature = request.headers['x-hub-signature-256'];
  const raw = Buffer.from(text);
  return {
    name: 'github',
    hookwire: () => receiver.receive(request),
    peerName: '@octokit/webhooks-methods verify + JSON.parse',
    peerAsync: true,
    peer: async () => {
      const payload = raw.toString('utf8');
      if (!(await octokitVerify(secret, payload, signature))) throw new Error('bad signature');
      return JSON.parse(payload);
    },
    check: async () => {
      const result = await receiver.receive(request);
      assert.equal(result.type === 'event' && result.event.name, 'issues.opened');
      assert.equal((await octokitVerify(secret, text, signature)) && JSON.parse(text).action, 'opened');
    },
  };
}

function stripeCase() {
  const secret = 'whsec_bench_0123456789abcdef0123456789abcdef';
  const text = body({
    id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
    object: 'event',
    api_version: '2025-03-31.basil',
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: 'cs_test_a1', object: 'checkout.session', amount_total: 2000, currency: 'eur' } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
  });
  const request = signStripeRequest({ secret, body: text });
  const receiver = stripe({ secret });
  const sdk = new Stripe('sk_test_bench');
  const header = request.headers['stripe-signature'];
  const raw = Buffer.from(text);
  return {
    name: 'stripe',
    hookwire: () => receiver.receive(request),
    peerName: 'stripe webhooks.constructEvent',
    peerAsync: false,
    peer: () => sdk.webhooks.constructEvent(raw, header, secret),
    check: async () => {
      const result = await receiver.receive(request);
      assert.equal(result.type === 'event' && result.event.name, 'checkout.session.completed');
      assert.equal(sdk.webhooks.constructEvent(raw, header, secret).type, 'checkout.session.completed');
    },
  };
}

function standardCase() {
  const secret = generateStandardSecret();
  const text = body({
    type: 'invoice.paid',
    timestamp: new Date().toISOString(),
    data: { id: 'inv_1', customer: 'cus_1', amount: 4200, currency: 'eur', lines: [{ sku: 'a', qty: 1 }] },
  });
  const request = signStandardWebhookRequest({ secret, body: text });
  const receiver = standardWebhooks({ secret });
  const library = new Webhook(secret);
  const headers = {
    'webhook-id': request.headers['webhook-id'],
    'webhook-timestamp': request.headers['webhook-timestamp'],
    'webhook-signature': request.headers['webhook-signature'],
  };
  const raw = Buffer.from(text);
  return {
    name: 'standard-webhooks',
    hookwire: () => receiver.receive(request),
    peerName: 'standardwebhooks Webhook.verify',
    peerAsync: false,
    peer: () => library.verify(raw, headers),
    check: async () => {
      const result = await receiver.receive(request);
      assert.equal(result.type === 'event' && result.event.name, 'invoice.paid');
      assert.equal(library.verify(raw, headers).type, 'invoice.paid');
    },
  };
}

const cpus = os.cpus();
console.log(
  `Verification of ${PAYLOAD_BYTES}-byte JSON payloads (verify + parse): ops per CPU-second, median of ${rounds} interleaved rounds of ${ms} ms; Hookwire/peer is the median of the per-round ratios.`,
);
console.log(
  `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}\n`,
);

const cases = [githubCase(), stripeCase(), standardCase()];
// Warm every contender up first: the young generation grows with use, and the first code to run
// in a fresh process would otherwise pay for more garbage collections than the rest.
for (const bench of cases) {
  await bench.check();
  await opsPerSecond(bench.hookwire, 1000, true);
  await opsPerSecond(bench.peer, 1000, bench.peerAsync);
}

const rows = [];
for (const bench of cases) {
  const result = await compare(
    [
      { name: 'hookwire', fn: bench.hookwire, async: true },
      { name: 'peer', fn: bench.peer, async: bench.peerAsync },
    ],
    { rounds, ms },
  );
  const hookwire = result.get('hookwire');
  const peer = result.get('peer');
  rows.push({
    receiver: bench.name,
    'Hookwire ops/s': formatOps(hookwire.ops),
    peer: bench.peerName,
    'peer ops/s': formatOps(peer.ops),
    'Hookwire/peer': `${(1 / peer.ratioToFirst).toFixed(2)}×`,
  });
}
printTable(rows, ['receiver', 'Hookwire ops/s', 'peer', 'peer ops/s', 'Hookwire/peer']);
