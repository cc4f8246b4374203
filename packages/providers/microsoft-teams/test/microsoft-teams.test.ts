import { createHmac } from 'node:crypto';
import { createWebhookRequest, hmacBase64 } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { microsoftTeams } from '@hookwire/microsoft-teams';
import { signTeamsRequest } from '@hookwire/microsoft-teams/testing';
import { describe, expect, it } from 'vitest';
import activity from './fixtures/message-activity.json' with { type: 'json' };

// A security token is base64 of random bytes, as Teams shows it.
const secret = 'nBq3Yw8fJx2T5kL0mR7sV1cZ4dG9hE6aP3uK8iO2wQ4=';
const body = JSON.stringify(activity);

describeReceiver({
  provider: 'microsoft-teams',
  create: microsoftTeams,
  sign: ({ secret, body: signedBody = body }) => signTeamsRequest({ secret, body: signedBody }),
  secrets: [secret, Buffer.from('token of the webhook in team B').toString('base64')],
  event: { name: 'message', id: '1485983408511' },
  signatureHeaders: ['Authorization'],
  malformedSignature: { value: 'HMAC ***' },
  deliveryId: true,
  malformedBodies: ['{"type":', '{"text":"hi"}'],
});

describe('microsoft teams receiver', () => {
  it('verifies HMAC-SHA256 keyed with the base64-decoded token, computed independently', async () => {
    const mac = createHmac('sha256', Buffer.from(secret, 'base64'))
      .update(Buffer.from(body, 'utf8'))
      .digest('base64');
    const request = createWebhookRequest({ body, headers: { authorization: `HMAC ${mac}` } });
    const event = await eventOf(microsoftTeams({ secret }).receive(request));
    expect(event).toMatchObject({
      provider: 'microsoft-teams',
      name: 'message',
      id: '1485983408511',
      payload: activity,
      meta: { conversationId: activity.conversation.id, fromName: 'Megan Bowen' },
    });
  });

  it('rejects a signature keyed with the token text (the usual mistake)', async () => {
    const request = createWebhookRequest({
      body,
      headers: { authorization: `HMAC ${hmacBase64('sha256', secret, body)}` },
    });
    expect(await errorCodeOf(microsoftTeams({ secret }).receive(request))).toBe('signature_mismatch');
  });

  it('sends a string returned by the handler back as a message', async () => {
    const receiver = microsoftTeams({ secret });
    receiver.on('message', (event) => `Echo: ${event.payload.text.replace(/<at>.*?<\/at>\s*/, '')}`);
    const response = await receiver.handle(signTeamsRequest({ secret, body }));
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(String(response.body))).toEqual({ type: 'message', text: 'Echo: Hello there' });
  });

  it('sends an activity object returned by the handler as the reply', async () => {
    const receiver = microsoftTeams({ secret });
    const card = { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Build #42' } };
    receiver.on('message', () => ({ text: 'Status', attachments: [card] }));
    const response = await receiver.handle(signTeamsRequest({ secret }));
    expect(JSON.parse(String(response.body))).toEqual({
      type: 'message',
      text: 'Status',
      attachments: [card],
    });
  });

  it('answers an empty 200 when no handler replies', async () => {
    const receiver = microsoftTeams({ secret });
    receiver.on('message', () => undefined);
    expect(await receiver.handle(signTeamsRequest({ secret }))).toEqual({ status: 200 });
  });

  it('requires the HMAC scheme, in any case', async () => {
    const request = signTeamsRequest({ secret, body });
    const authorization = request.headers.authorization as string;
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ authorization: authorization.replace('HMAC ', 'Bearer ') }, 'malformed_signature'],
    ];
    for (const [headers, code] of cases) {
      expect(
        (await webhookErrorOf(microsoftTeams({ secret }).receive(withHeaders(request, headers)))).code,
      ).toBe(code);
    }
    const lower = withHeaders(request, { authorization: authorization.replace('HMAC', 'hmac') });
    expect((await microsoftTeams({ secret }).receive(lower)).type).toBe('event');
  });

  it('refuses a token that is not base64 at construction', () => {
    expect(() => microsoftTeams({ secret: 'not a token!' })).toThrow(/security token/);
    expect(() => microsoftTeams({ secret: [] })).toThrow(/at least one/);
  });
});
