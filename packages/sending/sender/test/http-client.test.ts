import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/http.js';
import { AddressGuard } from '../src/ssrf.js';
import { startSubscriber } from './helpers.js';

const servers: { close(): Promise<void> }[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function client(
  options: { maxResponseBytes?: number; timeoutMs?: number; allowPrivateNetwork?: boolean } = {},
) {
  const made = new HttpClient({
    guard: new AddressGuard({ allowPrivateNetwork: options.allowPrivateNetwork ?? true }),
    connectTimeoutMs: 1000,
    timeoutMs: options.timeoutMs ?? 2000,
    maxResponseBytes: options.maxResponseBytes ?? 16,
  });
  clients.push(made);
  return made;
}

async function serve(...args: Parameters<typeof startSubscriber>) {
  const server = await startSubscriber(...args);
  servers.push(server);
  return server;
}

describe('HttpClient', () => {
  it('sends the method, path, query, headers and body, and keeps a short body whole', async () => {
    const hook = await serve((_q, res) => res.writeHead(201, { 'content-type': 'text/plain' }).end('héllo'));
    const outcome = await client().send('POST', `${hook.url}/in?x=1#frag`, { 'x-key': 'abc' }, '{"a":1}');
    expect(outcome).toMatchObject({ status: 201, headers: {}, excerpt: 'héllo' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(hook.requests[0]).toMatchObject({ method: 'POST', url: '/in?x=1', body: '{"a":1}' });
    expect(hook.requests[0]!.headers['x-key']).toBe('abc');
  });

  it('keeps a body of exactly the cap, and the first cap bytes of a chunked body that goes on', async () => {
    const hook = await serve((request, res) => {
      if (request.url === '/exact') {
        res.writeHead(200).end('x'.repeat(16));
        return;
      }
      // No content-length: chunks until the client goes away.
      res.writeHead(500);
      const timer = setInterval(() => res.write('abcdefgh'), 5);
      res.on('close', () => clearInterval(timer));
    });
    const http = client({ maxResponseBytes: 16 });
    expect((await http.send('GET', `${hook.url}/exact`, {})).excerpt).toBe('x'.repeat(16));
    const long = await http.send('GET', `${hook.url}/long`, {});
    expect(long).toMatchObject({ status: 500, excerpt: 'abcdefghabcdefgh' });
    expect(long).not.toHaveProperty('error');
  });

  it('keeps retry-after (every value) and location, and nothing else', async () => {
    const hook = await serve((_q, res) => {
      res.setHeader('retry-after', ['5', '7']);
      res.setHeader('location', '/elsewhere');
      res.setHeader('x-other', 'dropped');
      res.writeHead(429).end();
    });
    const outcome = await client().send('POST', hook.url, {}, '');
    expect(outcome).toMatchObject({ status: 429, headers: { 'retry-after': '5,7', location: '/elsewhere' } });
    expect(Object.keys(outcome.headers).sort()).toEqual(['location', 'retry-after']);
  });

  it('answers a connection refused, and header values undici refuses, as errors without a status', async () => {
    const hook = await serve();
    const { port } = hook;
    await hook.close();
    servers.pop();
    const refused = await client().send('POST', `http://127.0.0.1:${port}/`, {}, '{}');
    expect(refused.status).toBeUndefined();
    expect(refused.error).toMatch(/ECONNREFUSED/);
    const live = await serve();
    const invalid = await client().send('POST', live.url, { 'x-bad': 'a\nb' }, '{}');
    expect(invalid.status).toBeUndefined();
    expect(invalid.error).toMatch(/invalid x-bad header/);
    expect(live.requests).toHaveLength(0);
  });

  it('refuses a literal private address on every attempt, without a request (the check is kept per URL)', async () => {
    const hook = await serve();
    const http = client({ allowPrivateNetwork: false });
    for (let i = 0; i < 2; i++) {
      const outcome = await http.send('POST', `${hook.url}/`, {}, '{}');
      expect(outcome.status).toBeUndefined();
      expect(outcome.error).toMatch(/127\.0\.0\.1 is loopback/);
    }
    expect(hook.requests).toHaveLength(0);
  });

  it('cuts a body still arriving at the deadline, as a timeout', async () => {
    const hook = await serve((_q, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
    });
    const outcome = await client({ timeoutMs: 200, maxResponseBytes: 1 << 20 }).send('GET', hook.url, {});
    expect(outcome).toEqual({ headers: {}, error: 'timed out after 200 ms', durationMs: expect.any(Number) });
  });
});
