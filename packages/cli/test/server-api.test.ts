import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type RunningServer, readConfig, startServer } from '@hookwire/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

interface Delivery {
  headers: IncomingMessage['headers'];
  body: Buffer;
  url: string;
}

describe('send and subscriptions against a running Hookwire server', () => {
  const deliveries: Delivery[] = [];
  const subscriber = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks), url: req.url ?? '' });
      res.writeHead(204).end();
    });
  });
  const dir = tempDir('hookwire-cli-server-');
  let running: RunningServer;
  let env: Record<string, string>;
  let subscriberUrl: string;

  beforeAll(async () => {
    subscriber.listen(0, '127.0.0.1');
    await once(subscriber, 'listening');
    subscriberUrl = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/hooks`;
    // A known port, so the public URL (signed by Twilio and the like) is the one requests use.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise((done) => probe.close(done));
    const serverEnv = {
      PORT: String(port),
      HOOKWIRE_PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOOKWIRE_DATABASE: join(dir, 'server.db'),
      HOOKWIRE_API_TOKENS: 'token-acme=acme',
      HOOKWIRE_OPERATOR_TOKEN: 'token-operator',
      HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'true',
      HOOKWIRE_RETRY_SCHEDULE: '1,1',
    };
    running = await startServer(readConfig(serverEnv), serverEnv, () => {});
    env = { HOOKWIRE_SERVER: `http://127.0.0.1:${running.port}`, HOOKWIRE_TOKEN: 'token-acme' };
  });
  afterAll(async () => {
    await running?.close();
    subscriber.closeAllConnections();
    subscriber.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a subscription, publishes an event to it, lists and deletes it; the delivery verifies with its secret', async () => {
    const created = await cli(
      ['subscriptions', 'create', '--url', subscriberUrl, '--events', 'invoice.*', '--json'],
      { env },
    );
    expect(created.code, created.err).toBe(0);
    const subscription = JSON.parse(created.out) as { id: string; secret: string };
    expect(subscription.secret).toMatch(/^whsec_/);

    const listed = await cli(['subscriptions', 'list', '--json'], { env });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as { id: string }[]).map((s) => s.id)).toContain(subscription.id);

    const sent = await cli(['send', 'invoice.paid', '--data', '-', '--json'], {
      env,
      stdin: '{"total":4200}',
    });
    expect(sent.code, sent.err).toBe(0);
    const eventId = (JSON.parse(sent.out) as { id: string }).id;
    expect(eventId).toBeTruthy();

    const until = Date.now() + 10_000;
    while (deliveries.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery!.headers['webhook-id']).toBe(eventId);
    // The delivery, captured as curl, verifies with the subscription's secret through `hookwire verify`.
    const headers = ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type']
      .map((name) => `-H '${name}: ${delivery!.headers[name]}'`)
      .join(' ');
    const curl = `curl ${subscriberUrl} ${headers} --data-raw '${delivery!.body.toString()}'`;
    const verified = await cli([
      'verify',
      'standard-webhooks',
      '--secret',
      subscription.secret,
      '--curl',
      curl,
    ]);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toContain('verified: standard-webhooks invoice.paid');

    const deleted = await cli(['subscriptions', 'delete', subscription.id], { env });
    expect(deleted).toMatchObject({ code: 0, out: `deleted subscription ${subscription.id}\n` });
    const after = await cli(['subscriptions', 'list', '--json'], { env });
    expect((JSON.parse(after.out) as { id: string }[]).map((s) => s.id)).not.toContain(subscription.id);
  });

  it('a refused call exits 1 with the server answer; a missing server or token exits 2 and says which', async () => {
    const bad = await cli(['subscriptions', 'list'], { env: { ...env, HOOKWIRE_TOKEN: 'nope' } });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('answered 401');
    const noServer = await cli(['subscriptions', 'list'], { env: { HOOKWIRE_TOKEN: 'x' } });
    expect(noServer.code).toBe(2);
    expect(noServer.err).toContain('HOOKWIRE_SERVER');
    const noToken = await cli(['send', 'a.b', '--data', '-', '--server', env.HOOKWIRE_SERVER!], {
      stdin: '{}',
    });
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain('HOOKWIRE_TOKEN');
  });

  it("trigger with no --secret uses the server's development secrets", async () => {
    const base = env.HOOKWIRE_SERVER!;
    for (const provider of ['github', 'stripe', 'slack', 'shopify', 'twilio']) {
      const sent = await cli(['trigger', provider, '--to', `${base}/webhooks/${provider}`]);
      expect(sent.code, `${provider}: ${sent.out}${sent.err}`).toBe(0);
    }
  });
});
