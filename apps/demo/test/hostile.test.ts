import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDemo, type TestDemo } from './support.js';

// Hostile requests to every receiver, through the hub, over raw HTTP/1.1 sockets (so paths,
// duplicate headers and slow bodies reach the server exactly as written). Every answer is a 4xx,
// the process keeps serving, and the log gets at most one line per request.
// FUZZ_SEED=<n> replays a run; a failure prints its seed and path.
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let t: TestDemo;
let names: string[];
let port: number;

beforeAll(async () => {
  t = await startTestDemo({ HOOKWIRE_ROLE: 'api' });
  names = t.demo.hub!.names;
  port = t.demo.port;
});

afterAll(async () => {
  await t?.close();
});

interface RawRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: Buffer;
  /** Body sent in this many pieces, with a pause between them (a slow client). */
  pieces: number;
  pauseMs: number;
}

/** Sends the request as raw bytes; resolves with the status code, or 0 when the server hung up. */
function send(request: RawRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${request.method} ${request.path.slice(0, 80)}`));
    }, 15_000);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (match && answer.includes('\r\n\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve(match ? Number(match[1]) : 0);
    });
    socket.on('connect', async () => {
      const head = [
        `${request.method} ${request.path} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Connection: close',
        `Content-Length: ${request.body.length}`,
        ...request.headers.map(([name, value]) => `${name}: ${value}`),
      ].join('\r\n');
      socket.write(`${head}\r\n\r\n`, 'latin1');
      const size = Math.ceil(request.body.length / request.pieces) || 1;
      for (let offset = 0; offset < request.body.length; offset += size) {
        if (offset > 0) await new Promise((r) => setTimeout(r, request.pauseMs));
        if (socket.destroyed) return;
        socket.write(request.body.subarray(offset, offset + size));
      }
    });
  });
}

const SIGNATURE_HEADERS = [
  'x-hub-signature-256',
  'x-hub-signature',
  'x-github-event',
  'x-github-delivery',
  'stripe-signature',
  'x-slack-signature',
  'x-slack-request-timestamp',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'svix-signature',
  'x-signature',
  'authorization',
  'content-type',
  'x-twilio-signature',
  'x-shopify-hmac-sha256',
  'x-zm-signature',
];

const segment = fc.oneof(
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2F', '..', '.', '%25', '%%', 'a%2', '%ff%fe'),
);
const hostilePath = fc.oneof(
  segment.map((s) => `/webhooks/${s}`),
  fc.tuple(segment, segment).map(([a, b]) => `/webhooks/${a}/${b}/${a}`),
  segment.map((s) => `/webhooks//${s}//`),
);

/**
 * Node's HTTP server answers headers over its 16 KiB limit with a 431 and closes at once: body
 * bytes the client sends after that make the kernel reset the connection, which may drop the 431
 * before the client reads it (seen on Node 24 in CI: "answered 0" for a body sent in two pieces).
 * That refusal is Node's own, and the fixed-shape test checks it with a body sent in one piece; the
 * random requests keep their header lines within 14,000 bytes, so each one reaches a receiver.
 */
function withinHeaderLimit(headers: [string, string][]): [string, string][] {
  let bytes = 0;
  return headers.filter(([name, value]) => {
    const line = name.length + value.length + 4;
    if (bytes + line > HEADER_BUDGET) return false;
    bytes += line;
    return true;
  });
}

const HEADER_BUDGET = 14_000;

function hostileRequest(receivers: string[]): fc.Arbitrary<RawRequest> {
  const path = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...receivers).map((name) => `/webhooks/${name}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...receivers), fc.option(segment))
        .map(([name, s]) => `/webhooks/${name}${s === null ? '' : `/${s}`}`),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...receivers), segment)
        .map(([name, s]) => `/webhooks/${s}${name}${s}`),
    },
    { weight: 1, arbitrary: hostilePath },
  );
  const header = fc.tuple(
    fc.oneof(fc.constantFrom(...SIGNATURE_HEADERS), fc.stringMatching(/^x-[a-z0-9-]{1,20}$/)),
    fc.oneof(
      fc.stringMatching(/^[ -~]{0,80}$/),
      fc.constantFrom(
        'sha256=',
        't=1,v1=',
        'v0=',
        'v1,',
        'Bearer ',
        'application/json',
        'application/x-www-form-urlencoded',
      ),
      fc.integer({ min: 1000, max: 12_000 }).map((n) => 'a'.repeat(n)),
    ),
  );
  const headers = fc
    .array(header, { maxLength: 8 })
    // Duplicates on purpose: each header again, as a second line of its own.
    .chain((list) => fc.boolean().map((twice) => (twice ? [...list, ...list] : list)))
    .map(withinHeaderLimit);
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? '')),
    fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(
      Buffer.from('payload=%7B%22type%22%3A%22x%22%7D'),
      Buffer.from('command=%2Fdeploy&text=x'),
    ),
  );
  return fc.record({
    method: fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH'),
    path,
    headers,
    body,
    pieces: fc.oneof(
      { weight: 9, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.integer({ min: 2, max: 5 }) },
    ),
    pauseMs: fc.integer({ min: 1, max: 40 }),
  });
}

/** Sends one request; checks a 4xx and at most one log line for it. */
async function expectRefused(request: RawRequest): Promise<void> {
  const before = t.log.length;
  const status = await send(request);
  const lines = t.log.slice(before);
  if (status < 400 || status >= 500 || lines.length > 1) {
    throw new Error(
      `${request.method} ${request.path.slice(0, 100)} answered ${status} and logged ${lines.length} line(s): ${lines.join(' | ').slice(0, 300)}`,
    );
  }
}

describe('hostile requests to every receiver, through the hub', () => {
  it('refuses fixed hostile shapes for each receiver with a 4xx', async () => {
    const big = 'a'.repeat(20_000);
    for (const name of names) {
      const base = {
        method: 'POST',
        headers: [] as [string, string][],
        body: Buffer.from('{}'),
        pieces: 1,
        pauseMs: 1,
      };
      for (const path of [
        `/webhooks/${name}`,
        `/webhooks/${name}/%zz`,
        `/webhooks/${name}%`,
        `/webhooks/%${name}`,
        `/webhooks/${name}/x/y`,
      ]) {
        await expectRefused({ ...base, path });
      }
      // A header over Node's 16 KiB limit: 431 from the server itself.
      await expectRefused({ ...base, path: `/webhooks/${name}`, headers: [['x-big', big]] });
      // Every signature header twice.
      await expectRefused({
        ...base,
        path: `/webhooks/${name}`,
        headers: SIGNATURE_HEADERS.flatMap(
          (h) =>
            [
              [h, 'v1=abc'],
              [h, 'v1=def'],
            ] as [string, string][],
        ),
      });
    }
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  }, 60_000);

  it('refuses a slow body with a 4xx once it has arrived', async () => {
    await expectRefused({
      method: 'POST',
      path: '/webhooks/github',
      headers: [
        ['content-type', 'application/json'],
        ['x-github-event', 'push'],
        ['x-hub-signature-256', 'sha256=00'],
      ],
      body: Buffer.from(JSON.stringify({ zen: 'x'.repeat(400) })),
      pieces: 8,
      pauseMs: 150,
    });
  });

  it('refuses random hostile requests (fast-check) with a 4xx, and keeps serving', async () => {
    await fc.assert(fc.asyncProperty(hostileRequest(names), expectRefused), {
      numRuns: 400,
      ...(seed !== undefined ? { seed } : {}),
    });
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  }, 60_000);
});
