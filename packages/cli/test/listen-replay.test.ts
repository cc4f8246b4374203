import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedRequest } from '../src/capture/saved.js';
import { cli, startListen, tempDir, trigger } from './helpers.js';

interface Arrival {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

describe('listen --forward-to, replay, trigger --data and --list', () => {
  const arrivals: Arrival[] = [];
  let appStatus = 200;
  const app = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrivals.push({
        method: req.method!,
        url: req.url!,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      });
      res.writeHead(appStatus, { 'content-type': 'text/plain' }).end('app says hi');
    });
  });
  let appUrl: string;
  beforeAll(async () => {
    app.listen(0, '127.0.0.1');
    await once(app, 'listening');
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    app.closeAllConnections();
    app.close();
  });

  it('forwards the original request unchanged, prints the app answer, and replay sends the saved bytes again', async () => {
    const listen = await startListen('stripe', 'whsec_fwd', { forwardTo: `${appUrl}/webhooks/stripe` });
    try {
      const sent = await trigger('stripe', 'invoice.paid', `${listen.listener.url}stripe?x=1`, 'whsec_fwd');
      expect(sent.code).toBe(0);
      expect(listen.lines()).toMatch(
        /stripe {2}invoice\.paid {2}id=evt_test_\w+ {2}verified 200 {2}→ 200 \d+ ms/,
      );
      const [file] = readdirSync(listen.saveDir);
      const saved = JSON.parse(readFileSync(join(listen.saveDir, file!), 'utf8')) as SavedRequest;
      expect(arrivals).toHaveLength(1);
      const forwarded = arrivals[0]!;
      expect(forwarded.url).toBe('/webhooks/stripe?x=1');
      expect(forwarded.body.equals(Buffer.from(saved.body, 'base64'))).toBe(true);
      const pairs = (raw: string[]) =>
        raw
          .flatMap((v, i) => (i % 2 === 0 ? [`${v}: ${raw[i + 1]}`] : []))
          .filter((h) => !/^(host|content-length|connection):/i.test(h));
      expect(pairs(forwarded.rawHeaders)).toEqual(
        saved.headers
          .map(([n, v]) => `${n}: ${v}`)
          .filter((h) => !/^(host|content-length|connection):/i.test(h)),
      );

      const replayed = await cli(['replay', join(listen.saveDir, file!), '--to', `${appUrl}/again`]);
      expect(replayed.code, replayed.err).toBe(0);
      expect(replayed.out).toContain('app says hi');
      expect(arrivals[1]!.url).toBe('/again?x=1');
      expect(arrivals[1]!.body.equals(forwarded.body)).toBe(true);
      expect(pairs(arrivals[1]!.rawHeaders)).toEqual(pairs(forwarded.rawHeaders));

      // Ten minutes later the signature is too old; re-signed with --secret it verifies again.
      const old = {
        ...saved,
        headers: saved.headers.map(([n, v]) => [
          n,
          n.toLowerCase() === 'stripe-signature'
            ? v.replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000) - 600}`)
            : v,
        ]),
      };
      const oldFile = join(tempDir(), 'old.json');
      writeFileSync(oldFile, JSON.stringify(old));
      const stale = await cli(['replay', oldFile, '--to', listen.listener.url]);
      expect(stale.code).toBe(1);
      const fresh = await cli(['replay', oldFile, '--to', listen.listener.url, '--secret', 'whsec_fwd']);
      expect(fresh.code, fresh.out + fresh.err).toBe(0);
      expect(listen.lines().match(/verified 200/g)).toHaveLength(2);

      appStatus = 500;
      await cli(['trigger', 'stripe', '--to', listen.listener.url, '--secret', 'whsec_fwd']);
      expect(listen.lines()).toMatch(/verified 200 {2}→ 500/);
    } finally {
      await listen.listener.close();
    }
  });

  it('trigger --data replaces the payload (file and stdin); --list names every provider and event', async () => {
    const listen = await startListen('github', 'gh');
    try {
      const data = join(tempDir(), 'payload.json');
      writeFileSync(data, JSON.stringify({ action: 'closed', issue: { number: 7 } }));
      const fromFile = await cli([
        'trigger',
        'github',
        'issues.opened',
        '--to',
        listen.listener.url,
        '--secret',
        'gh',
        '--data',
        data,
      ]);
      expect(fromFile.code).toBe(0);
      expect(listen.lines()).toContain('github  issues.closed');
      const fromStdin = await cli(
        ['trigger', 'github', 'push', '--to', listen.listener.url, '--secret', 'gh', '--data', '-', '--json'],
        { stdin: '{"ref":"refs/heads/x"}' },
      );
      expect(JSON.parse(fromStdin.out)).toMatchObject({
        provider: 'github',
        event: 'push',
        status: 200,
        ok: true,
      });
      const notJson = await cli(['trigger', 'github', '--to', listen.listener.url, '--data', '-'], {
        stdin: 'nope',
      });
      expect(notJson.code).toBe(2);
      expect(notJson.err).toContain('--data: standard input is not JSON');
    } finally {
      await listen.listener.close();
    }
    const list = await cli(['trigger', '--list', '--json']);
    const rows = JSON.parse(list.out) as { provider: string; events: { name: string }[] }[];
    expect(rows).toHaveLength(59);
    expect(rows.find((r) => r.provider === 'slack')!.events.map((e) => e.name)).toContain('url_verification');
    const unsuitable = await cli(['trigger', 'adyen', '--to', 'http://127.0.0.1:9/', '--secret', 'not-hex']);
    expect(unsuitable.code).toBe(2);
    expect(unsuitable.err).toContain('--secret does not suit adyen (the HMAC key of the webhook (hex))');
    const unknownEvent = await cli(['trigger', 'github', 'nope', '--to', 'http://127.0.0.1:9/']);
    expect(unknownEvent.code).toBe(2);
    expect(unknownEvent.err).toContain('github has no sample event "nope"; it has: push,');
  });

  it('a handshake is answered as the provider expects (Slack url_verification echoes the challenge)', async () => {
    const listen = await startListen('slack', 'slack-signing');
    try {
      const sent = await trigger('slack', 'url_verification', listen.listener.url, 'slack-signing');
      expect(sent.code).toBe(0);
      expect(sent.out).toContain('"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"');
      expect(listen.lines()).toContain('slack  handshake');
    } finally {
      await listen.listener.close();
    }
  });
});
