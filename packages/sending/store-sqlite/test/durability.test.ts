import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSender } from '@hookwire/sender';
import { makeDelivery, makeEvent, makeSubscription } from '@hookwire/sender/testing';
import { createSqliteStore } from '@hookwire/store-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookwire-sqlite-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store on a file', () => {
  it('creates the folder, uses WAL, and keeps everything across a reopen', async () => {
    const path = join(dir, 'nested', 'hookwire.db');
    const first = createSqliteStore(path);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const subscription = makeSubscription();
    await first.insertSubscription(subscription);
    const event = makeEvent();
    const delivery = makeDelivery(event, subscription);
    await first.insertEvent(event, [delivery]);
    // A worker leased the delivery and the process died without settling it.
    const [lease] = await first.claim({ limit: 1, leaseMs: 1000, now: event.createdAt });
    expect(lease).toBeDefined();
    first.db.close();

    const second = createSqliteStore(path);
    expect(await second.getSubscription(subscription.id)).toEqual(subscription);
    expect(await second.getEvent(event.id)).toEqual(event);
    expect(await second.claim({ limit: 1, leaseMs: 1000, now: event.createdAt + 999 })).toEqual([]);
    const [again] = await second.claim({ limit: 1, leaseMs: 1000, now: event.createdAt + 1000 });
    expect(again!.deliveryId).toBe(delivery.id);
    expect(again!.token).not.toBe(lease!.token);
    await second.close();
  });

  it('shares one file between two stores (two processes) without handing a delivery to both', async () => {
    const path = join(dir, 'shared.db');
    const a = createSqliteStore(path);
    const b = createSqliteStore(path);
    const subscription = makeSubscription();
    await a.insertSubscription(subscription);
    for (let i = 0; i < 20; i++) {
      const event = makeEvent();
      await a.insertEvent(event, [makeDelivery(event, subscription)]);
    }
    const now = Date.now() + 10_000_000_000;
    const [fromA, fromB] = await Promise.all([
      a.claim({ limit: 15, leaseMs: 1000, now }),
      b.claim({ limit: 15, leaseMs: 1000, now }),
    ]);
    const ids = [...fromA, ...fromB].map((l) => l.deliveryId);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    await a.close();
    await b.close();
  });

  it('delivers end to end through a sender', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers['webhook-id'] as string);
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sender = createSender({
      store: createSqliteStore(join(dir, 'e2e.db')),
      allowPrivateNetwork: true,
      pollIntervalMs: 20,
    });
    try {
      await sender.createSubscription({ url: `http://127.0.0.1:${port}/`, events: ['*'] });
      await sender.start();
      const published = await Promise.all([1, 2, 3].map((n) => sender.publish({ type: 'a.b', data: { n } })));
      const deadline = Date.now() + 5000;
      while (received.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(received.sort()).toEqual(published.map((p) => p.id).sort());
    } finally {
      await sender.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
