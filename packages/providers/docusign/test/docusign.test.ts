import { hmacBase64 } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, withHeaders } from '@hookwire/core/testing';
import { docusign } from '@hookwire/docusign';
import { signDocuSignRequest } from '@hookwire/docusign/testing';
import { describe, expect, it } from 'vitest';

const secret = 'Jx8fO3lJq7Zc5vA2mYdP0tRk4nW9sE6hG1uB3iL7oQ4=';
const message = {
  event: 'envelope-completed',
  apiVersion: 'v2.1',
  uri: '/restapi/v2.1/accounts/fa3d3c2b/envelopes/93be49ab-xxxx',
  retryCount: 0,
  configurationId: 10418,
  generatedDateTime: '2024-03-05T17:40:42.0877339Z',
  data: { accountId: 'fa3d3c2b', userId: '5e1b2c3d', envelopeId: '93be49ab-afa0-4adf-933c-f752070d71ec' },
};
const body = JSON.stringify(message);

describeReceiver({
  provider: 'docusign',
  create: docusign,
  sign: ({ secret, body: signedBody = body }) => signDocuSignRequest({ secret, body: signedBody }),
  secrets: [secret, 'old key'],
  event: {
    name: 'envelope-completed',
    id: '93be49ab-afa0-4adf-933c-f752070d71ec:envelope-completed:2024-03-05T17:40:42.0877339Z',
  },
  signatureHeaders: ['X-DocuSign-Signature-1'],
  malformedSignature: { value: '@@@' },
  deliveryId: true,
  malformedBodies: ['<DocuSignEnvelopeInformation/>', '{"data":{}}'],
});

describe('docusign receiver', () => {
  it('accepts a signed JSON SIM message and names it by event', async () => {
    const event = await eventOf(docusign({ secret }).receive(signDocuSignRequest({ secret, body })));
    expect(event).toMatchObject({
      provider: 'docusign',
      name: 'envelope-completed',
      id: '93be49ab-afa0-4adf-933c-f752070d71ec:envelope-completed:2024-03-05T17:40:42.0877339Z',
      payload: message,
      meta: { accountId: 'fa3d3c2b', retryCount: 0, configurationId: 10418, apiVersion: 'v2.1' },
    });
  });

  it('includes the recipient in the id of recipient events', async () => {
    const recipient = JSON.stringify({
      ...message,
      event: 'recipient-completed',
      data: { ...message.data, recipientId: '2' },
    });
    const result = await docusign({ secret }).receive(signDocuSignRequest({ secret, body: recipient }));
    expect(result.type === 'event' && result.event.id).toBe(
      '93be49ab-afa0-4adf-933c-f752070d71ec:recipient-completed:2:2024-03-05T17:40:42.0877339Z',
    );
  });

  it('accepts a message when any signature header matches any configured key', async () => {
    // DocuSign signed with an old and a new key; this server only knows the new one.
    const request = signDocuSignRequest({ secret: ['old key', secret], body });
    expect(request.headers['x-docusign-signature-2']).toBeDefined();
    expect((await docusign({ secret }).receive(request)).type).toBe('event');
  });

  it('reads signature headers beyond -1 even when -1 is absent', async () => {
    const signature = hmacBase64('sha256', secret, body);
    const request = signDocuSignRequest({ secret: 'gone', body });
    const renumbered = withHeaders(request, {
      'x-docusign-signature-1': undefined,
      'x-docusign-signature-7': signature,
    });
    expect((await docusign({ secret }).receive(renumbered)).type).toBe('event');
  });

  it('takes an empty signature header for a missing one', async () => {
    const request = signDocuSignRequest({ secret, body });
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-docusign-signature-1': '' }, 'missing_header'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(docusign({ secret }).receive(withHeaders(request, headers)))).toBe(code);
    }
  });

  it('checks its keys at construction', () => {
    expect(() => docusign({ secret: [] })).toThrow(/at least one/);
    expect(() => docusign({ secret: `${secret}\n` })).toThrow(/whitespace/);
  });
});
