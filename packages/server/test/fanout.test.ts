import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, startServer } from '@hookwire/server';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hookwire-fanout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Large fan-outs are written in chunks that yield to the event loop: other requests are answered
// while they are stored (bench/fanout.mjs measures how long the loop is ever blocked).
it('answers /healthz while three tenants each publish an event matching 1,000 subscriptions', async () => {
  const env = {
    PORT: '0',
    HOOKWIRE_DATABASE: join(dir, 'fanout.db'),
    HOOKWIRE_ROLE: 'api',
    HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'true',
  };
  const running = await startServer(readConfig(env), env, () => {});
  try {
    const tenants = ['north', 'south', 'west'];
    for (const tenant of tenants) {
      for (let i = 0; i < 1000; i += 100) {
        await Promise.all(
          Array.from({ length: 100 }, () =>
            running.sender.createSubscription(
              { url: `http://127.0.0.1:9/${tenant}`, events: ['order.*'] },
              { tenant },
            ),
          ),
        );
      }
    }
    const finished: string[] = [];
    const publishes = tenants.map(async (tenant) => {
      const result = await running.sender.publish({ type: 'order.created', data: { n: 1 }, tenant });
      finished.push(`publish ${tenant}`);
      return result.deliveries;
    });
    const health = fetch(`http://127.0.0.1:${running.port}/healthz`).then((response) => {
      finished.push('healthz');
      return response.status;
    });

    expect(await Promise.all(publishes)).toEqual([1000, 1000, 1000]);
    expect(await health).toBe(200);
    // Durable: every delivery is stored once publish resolved.
    const [first] = (await running.sender.listSubscriptions({ tenant: 'north', limit: 1 })).items;
    expect((await running.sender.listDeliveries(first!.id)).items).toHaveLength(1);
    // The health check was answered before the last publish finished.
    expect(finished.indexOf('healthz')).toBeLessThan(finished.length - 1);
  } finally {
    await running.close();
  }
}, 60_000);
