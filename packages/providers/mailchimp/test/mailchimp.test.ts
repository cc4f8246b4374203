import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf } from '@hookwire/core/testing';
import { mailchimp } from '@hookwire/mailchimp';
import { createMailchimpRequest, createMailchimpValidationRequest } from '@hookwire/mailchimp/testing';
import { describe, expect, it } from 'vitest';

const code = 'b6f0c4e2a9d84e1f8c7b6a5d4e3f2a1b';
const url = `https://example.com/webhooks/mailchimp?code=${code}`;

// A subscribe as Mailchimp posts it (brackets percent-encoded, spaces as +).
const subscribeBody =
  'type=subscribe&fired_at=2009-03-26+21%3A35%3A57&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=a6b5da1054' +
  '&data%5Bemail%5D=api%40mailchimp.com&data%5Bemail_type%5D=html&data%5Bmerges%5D%5BEMAIL%5D=api%40mailchimp.com' +
  '&data%5Bmerges%5D%5BFNAME%5D=Mailchimp&data%5Bmerges%5D%5BLNAME%5D=API&data%5Bmerges%5D%5BINTERESTS%5D=Group1%2CGroup2' +
  '&data%5Bmerges%5D%5BGROUPINGS%5D%5B0%5D%5Bname%5D=Colors&data%5Bip_opt%5D=10.20.10.30&data%5Bip_signup%5D=10.20.10.30';

describeReceiver({
  provider: 'mailchimp',
  create: ({ secret, ...options }) => mailchimp({ code: secret, ...options }),
  sign: ({ secret }) => createMailchimpRequest({ code: secret, type: 'subscribe' }),
  credential: 'code',
  event: { name: 'subscribe' },
  handshakes: [
    {
      name: 'validator GET with the code',
      request: ({ secret }) => createMailchimpValidationRequest({ code: secret }),
      response: { status: 200 },
    },
  ],
});

describe('mailchimp receiver', () => {
  it('nests data[...] fields and names the event by type', async () => {
    const request = createWebhookRequest({
      url,
      body: subscribeBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const event = await eventOf(mailchimp({ code }).receive(request));
    expect(event.provider).toBe('mailchimp');
    expect(event.name).toBe('subscribe');
    expect(event.id).toBeUndefined();
    expect(event.payload).toEqual({
      type: 'subscribe',
      fired_at: '2009-03-26 21:35:57',
      data: {
        id: '8a25ff1d98',
        list_id: 'a6b5da1054',
        email: 'api@mailchimp.com',
        email_type: 'html',
        merges: {
          EMAIL: 'api@mailchimp.com',
          FNAME: 'Mailchimp',
          LNAME: 'API',
          INTERESTS: 'Group1,Group2',
          GROUPINGS: { '0': { name: 'Colors' } },
        },
        ip_opt: '10.20.10.30',
        ip_signup: '10.20.10.30',
      },
    });
  });

  it('reads every event type, typed for handlers', async () => {
    const receiver = mailchimp({ code });
    const seen: string[] = [];
    receiver.on('upemail', (event) => {
      seen.push(`${event.payload.data.old_email}->${event.payload.data.new_email}`);
    });
    receiver.on('unsubscribe', (event) => {
      seen.push(`unsub:${event.payload.data.action}`);
    });
    receiver.on('cleaned', (event) => {
      seen.push(`cleaned:${event.payload.data.reason}`);
    });
    receiver.on('campaign', (event) => {
      seen.push(`campaign:${event.payload.data.status}`);
    });
    receiver.on('profile', (event) => {
      seen.push(`profile:${event.payload.data.merges?.FNAME}`);
    });
    const requests = [
      createMailchimpRequest({
        code,
        type: 'upemail',
        data: { list_id: 'l', new_id: 'n', new_email: 'b@x', old_email: 'a@x' },
      }),
      createMailchimpRequest({
        code,
        type: 'unsubscribe',
        data: { action: 'unsub', reason: 'manual', email: 'a@x' },
      }),
      createMailchimpRequest({ code, type: 'cleaned', data: { list_id: 'l', reason: 'hard', email: 'a@x' } }),
      createMailchimpRequest({
        code,
        type: 'campaign',
        data: { id: 'c', subject: 'S', status: 'sent', list_id: 'l' },
      }),
      createMailchimpRequest({ code, type: 'profile', data: { email: 'a@x', merges: { FNAME: 'Ada' } } }),
    ];
    for (const request of requests) expect((await receiver.handle(request)).status).toBe(200);
    expect(seen).toEqual(['a@x->b@x', 'unsub:unsub', 'cleaned:hard', 'campaign:sent', 'profile:Ada']);
  });

  it('rejects a code that differs only in its last character (no prefix match)', async () => {
    const request = createMailchimpRequest({ code: `${code.slice(0, -1)}c`, type: 'subscribe' });
    expect(await errorCodeOf(mailchimp({ code }).receive(request))).toBe('unauthorized');
  });

  it('accepts plain http on localhost', async () => {
    const receiver = mailchimp({ code });
    const local = createMailchimpRequest({ code, type: 'subscribe', url: 'http://127.0.0.1:3000/hook' });
    expect((await receiver.receive(local)).type).toBe('event');
  });

  it('rejects a duplicated code parameter value that is not the code', async () => {
    // URLSearchParams.get returns the first: a smuggled second value cannot help an attacker.
    const request = createMailchimpRequest({ code: 'y'.repeat(32), type: 'subscribe' });
    const smuggled = { ...request, url: `${request.url}&code=${code}` };
    expect(await errorCodeOf(mailchimp({ code }).receive(smuggled))).toBe('unauthorized');
  });

  it('reports a body without a type, or with conflicting fields', async () => {
    const receiver = mailchimp({ code });
    for (const body of [
      'fired_at=2009-03-26+21%3A35%3A57',
      '',
      'type[x]=1',
      'type=subscribe&data=x&data[id]=1',
    ]) {
      const request = createWebhookRequest({ url, body });
      expect(await errorCodeOf(receiver.receive(request))).toBe('malformed_body');
    }
  });

  it('ignores field names that would reach Object.prototype', async () => {
    const request = createWebhookRequest({
      url,
      body: 'type=subscribe&data[__proto__][polluted]=1&data[constructor][prototype][x]=1&__proto__[y]=1',
    });
    const result = await mailchimp({ code }).receive(request);
    expect(result.type === 'event' && result.event.payload).toEqual({ type: 'subscribe' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });

  it('keeps names that are not bracket paths as flat keys', async () => {
    const request = createWebhookRequest({ url, body: 'type=profile&data[a=1&weird]=2&data[merges][]=3' });
    const result = await mailchimp({ code }).receive(request);
    expect(result.type === 'event' && result.event.payload).toEqual({
      type: 'profile',
      'data[a': '1',
      'weird]': '2',
      data: { merges: { '': '3' } },
    });
  });

  it('checks the code option at construction', () => {
    expect(() => mailchimp({} as never)).toThrow(/code/);
  });
});
