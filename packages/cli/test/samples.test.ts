import { describe, expect, it } from 'vitest';
import { loadProvider, PROVIDERS } from '../src/providers/registry.js';

const url = 'http://127.0.0.1:3030/webhooks/test';

describe('built-in samples', () => {
  it('cover every provider package', async () => {
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync(new URL('../../providers/', import.meta.url));
    expect([...PROVIDERS].sort()).toEqual(folders.sort());
  });

  for (const name of PROVIDERS) {
    it(`${name}: every sample verifies with the provider's receiver and its default secret`, async () => {
      const spec = await loadProvider(name);
      expect(Object.keys(spec.samples).length).toBeGreaterThan(0);
      for (const [event, sample] of Object.entries(spec.samples)) {
        const request = await sample.sign({
          secret: spec.defaultSecret,
          url,
          timestamp: Math.floor(Date.now() / 1000),
        });
        const receiver = await spec.receiver({ secret: spec.defaultSecret, url: request.url });
        const response = await receiver.handle(request);
        expect({ event, status: response.status, body: String(response.body ?? '') }).toMatchObject({
          event,
        });
        expect(response.status, `${name} ${event}: ${String(response.body ?? '')}`).toBeLessThan(300);
      }
    });
  }
});
