import { hmacHex } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, withHeaders } from '@hookwire/core/testing';
import { jira } from '@hookwire/jira';
import { signJiraRequest } from '@hookwire/jira/testing';
import { describe, expect, it } from 'vitest';

const secret = 'aK3mZ9pQ2wX7vR4tY8uE1oI6';
const created = {
  timestamp: 1709652042085,
  webhookEvent: 'jira:issue_created',
  issue_event_type_name: 'issue_created',
  user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof' },
  issue: {
    id: '10002',
    self: 'https://example.atlassian.net/rest/api/2/10002',
    key: 'ED-1',
    fields: { summary: 'Ünïcödé ✓' },
  },
};
const body = JSON.stringify(created);

describeReceiver({
  provider: 'jira',
  create: jira,
  sign: ({ secret, body: signedBody = body }) =>
    signJiraRequest({ secret, body: signedBody, identifier: '1143242343' }),
  event: { name: 'jira:issue_created', id: '1143242343' },
  signatureHeaders: ['X-Hub-Signature'],
  malformedSignature: { value: 'sha256=zz' },
  deliveryId: true,
  malformedBodies: ['{"webhookEvent":', '{"timestamp":1}'],
});

describe('jira receiver', () => {
  it('verifies X-Hub-Signature and names the event by webhookEvent', async () => {
    const request = signJiraRequest({ secret, body, identifier: '1143242343', retry: 2 });
    expect(request.headers['x-hub-signature']).toBe(`sha256=${hmacHex('sha256', secret, Buffer.from(body))}`);
    const event = await eventOf(jira({ secret }).receive(request));
    expect(event).toMatchObject({
      provider: 'jira',
      name: 'jira:issue_created',
      id: '1143242343',
      payload: created,
      meta: { retry: 2, flow: 'Primary', issueEventTypeName: 'issue_created' },
    });
  });

  it('keeps the identifier across retries, so dedupe drops a retry already handled', async () => {
    const receiver = jira({ secret, dedupe: true });
    let calls = 0;
    receiver.on('jira:issue_created', () => {
      calls++;
    });
    await receiver.handle(signJiraRequest({ secret, body, identifier: '77' }));
    await receiver.handle(signJiraRequest({ secret, body, identifier: '77', retry: 1 }));
    expect(calls).toBe(1);
  });

  it('requires the sha256= prefix', async () => {
    const request = signJiraRequest({ secret, body });
    const signature = request.headers['x-hub-signature'] as string;
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-hub-signature': signature.slice('sha256='.length) }, 'malformed_signature'],
      [{ 'x-hub-signature': `sha1=${hmacHex('sha1', secret, body)}` }, 'malformed_signature'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(jira({ secret }).receive(withHeaders(request, headers)))).toBe(code);
    }
  });

  it('works without the Atlassian delivery headers (no id, retry 0)', async () => {
    const request = withHeaders(signJiraRequest({ secret, body }), {
      'x-atlassian-webhook-identifier': undefined,
      'x-atlassian-webhook-flow': undefined,
    });
    const result = await jira({ secret }).receive(request);
    expect(result.type === 'event' && result.event.id).toBeUndefined();
    expect(result.type === 'event' && result.event.meta.retry).toBe(0);
  });

  it('checks the secret at construction', () => {
    expect(() => jira({ secret: '' })).toThrow(/empty/);
  });
});
