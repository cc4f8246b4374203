import { describeReceiver } from '@hookwire/core/testing';
import { kudu } from '@hookwire/kudu';
import { createKuduRequest } from '@hookwire/kudu/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
// The shape Kudu documents on its "Web hooks" wiki page.
const deployment = {
  id: 'cd5bee7181e74ea38a3522e73253f6ebb8ed3a22',
  status: 'success',
  statusText: '',
  authorEmail: 'someone@example.com',
  author: 'Some One',
  message: 'My fix',
  progress: '',
  deployer: 'GitHub',
  receivedTime: '2014-06-18T21:26:17.5625806Z',
  startTime: '2014-06-18T21:26:17.9375851Z',
  endTime: '2014-06-18T21:26:33.7126291Z',
  lastSuccessEndTime: '2014-06-18T21:26:33.7126291Z',
  complete: true,
  siteName: 'MySite',
};

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
