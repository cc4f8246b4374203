import { describeReceiver, errorCodeOf, eventOf, signerWith, webhookErrorOf } from '@hookwire/core/testing';
import { postmark } from '@hookwire/postmark';
import { createPostmarkRequest } from '@hookwire/postmark/testing';
import { describe, expect, it } from 'vitest';
import bounce from './fixtures/bounce.json' with { type: 'json' };

const username = 'postmark';
const password = 'pa:ss wörd';
const request = signerWith(createPostmarkRequest, { username, password, payload: bounce });
const withAuthorization = (value: string | string[] | undefined) => {
  const base = request();
  return { ...base, headers: { ...base.headers, authorization: value } };
};

describeReceiver({
  provider: 'postmark',
  create: ({ secret, ...options }) => postmark({ username, password: secret, ...options }),
  sign: ({ secret, body }) => request({ password: secret, body }),
  credential: 'basic',
  event: { name: 'Bounce' },
  signatureHeaders: ['Authorization'],
  malformedSignature: { value: 'Basic ***', code: 'unauthorized' },
  malformedBodies: ['{', '[]'],
});

describe('postmark receiver', () => {
  it('accepts matching Basic credentials (a colon in the password included) and names the event by RecordType', async () => {
    const event = await eventOf(postmark({ username, password }).receive(request()));
    expect(event.name).toBe('Bounce');
    expect(event.id).toBeUndefined();
    expect(event.meta).toEqual({ messageId: bounce.MessageID, messageStream: 'outbound' });
    expect(event.payload).toEqual(bounce);
  });

  it('names inbound messages (no RecordType) Inbound', async () => {
    const inbound = request({ payload: { MessageID: 'm1', From: 'a@example.com', Subject: 'Hi' } });
    const result = await postmark({ username, password }).receive(inbound);
    expect(result.type === 'event' && result.event.name).toBe('Inbound');
  });

  it('rejects a wrong password or user with 401, a Basic challenge, and no secret in the response', async () => {
    const receiver = postmark({ username, password });
    for (const bad of [request({ password: 'guess' }), request({ username: 'admin' })]) {
      const response = await receiver.handle(bad);
      expect(response.status).toBe(401);
      expect(response.headers?.['www-authenticate']).toMatch(/^Basic realm=/);
      expect(String(response.body)).not.toContain(password);
      expect(await errorCodeOf(receiver.receive(bad))).toBe('unauthorized');
    }
  });

  it('challenges a request without credentials', async () => {
    const response = await postmark({ username, password }).handle(withAuthorization(undefined));
    expect(response.status).toBe(401);
    expect(response.headers?.['www-authenticate']).toBeDefined();
  });

  it('rejects credentials of another scheme or unreadable ones', async () => {
    const good = request().headers.authorization as string;
    const receive = (value: string | string[]) =>
      webhookErrorOf(postmark({ username, password }).receive(withAuthorization(value)));
    for (const value of ['Bearer abc', 'Basic', good.replace('Basic', 'Digest')]) {
      expect((await receive(value)).code).toBe('unauthorized');
    }
  });

  it('refuses bad credentials configuration at construction', () => {
    expect(() => postmark({ username: '', password })).toThrow(/username/);
    expect(() => postmark({ username: 'a:b', password })).toThrow(/username/);
    expect(() => postmark({ username, password: [] })).toThrow(/password/);
  });
});
