import { describeReceiver } from '@hookwire/core/testing';
import { kudu } from '@hookwire/kudu';
import { createKuduRequest } from '@hookwire/kudu/testing';
import { describe, expect, it } from 'vitest';
// The shape Kudu documents on its "Web hooks" wiki page.
import deployment from './fixtures/deployment.json' with { type: 'json' };

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';

describeReceiver({
  provider: 'kudu',
  create: ({ secret, ...options }) => kudu({ code: secret, ...options }),
  sign: ({ secret, body }) => createKuduRequest({ code: secret, payload: deployment, body }),
  credential: 'code',
  event: { name: 'success' },
  malformedBodies: [
    '{"status":',
    '["success"]',
    '{"status":""}',
    JSON.stringify({ ...deployment, status: 1 }),
  ],
});

describe('kudu receiver', () => {
  it('names the event by the deployment status', async () => {
    const receiver = kudu({ code });
    const ok = await receiver.receive(createKuduRequest({ code, payload: deployment }));
    expect(ok.type === 'event' && ok.event.name).toBe('success');
    expect(ok.type === 'event' && ok.event.payload).toEqual(deployment);
    const failed = await receiver.receive(
      createKuduRequest({ code, payload: { ...deployment, status: 'failed' } }),
    );
    expect(failed.type === 'event' && failed.event.name).toBe('failed');
  });
});
