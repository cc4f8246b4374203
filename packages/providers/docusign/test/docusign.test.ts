import { hmacBase64 } from '@hookwire/core';
import { webhookErrorOf, withBody, withHeaders } from '@hookwire/core/testing';
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

describe('docusign receiver', () => {
  it('accepts a signed JSON SIM message and names it by event', async () => {
    const result = await docusign({ secret }).receive(signDocuSignRequest({ secret, body }));
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event).toMatchObject({
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
    // And the other way: this server still lists both keys, DocuSign already dropped the old one.
    expect(
      (await docusign({ secret: ['old key', secret] }).receive(signDocuSignRequest({ secret, body }))).type,
    ).toBe('event');
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

  it('rejects a tampered body and wrong keys, revealing neither', async () => {
    const request = signDocuSignRequest({ secret, body });
    const tampered = withBody(request, body.replace('completed', 'voided'));
    expect((await webhookErrorOf(docusign({ secret }).receive(tampered))).code).toBe('signature_mismatch');
    const wrong = signDocuSignRequest({ secret: ['k1', 'k2'], body });
    const response = await docusign({ secret }).handle(wrong);
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain(secret);
    expect(String(response.body)).not.toContain(hmacBase64('sha256', secret, body));
  });

  it('requires a signature header, once, readable', async () => {
    const request = signDocuSignRequest({ secret, body });
    const signature = request.headers['x-docusign-signature-1'] as string;
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-docusign-signature-1': undefined }, 'missing_header'],
      [{ 'x-docusign-signature-1': '' }, 'missing_header'],
      [{ 'x-docusign-signature-1': [signature, signature] }, 'duplicate_header'],
      [{ 'x-docusign-signature-1': '@@@' }, 'malformed_signature'],
    ];
    for (const [headers, code] of cases) {
      expect((await webhookErrorOf(docusign({ secret }).receive(withHeaders(request, headers)))).code).toBe(
        code,
      );
    }
  });

  it('reports signed bodies that are not JSON SIM messages', async () => {
    for (const bad of ['<DocuSignEnvelopeInformation/>', '{"data":{}}']) {
      const error = await webhookErrorOf(
        docusign({ secret }).receive(signDocuSignRequest({ secret, body: bad })),
      );
      expect(error.code).toBe('malformed_body');
    }
  });

  it('runs handlers by event name', async () => {
    const receiver = docusign({ secret });
    const seen: string[] = [];
    receiver.on('envelope-completed', (event) => {
      seen.push(event.payload.data.envelopeId);
    });
    expect((await receiver.handle(signDocuSignRequest({ secret, body }))).status).toBe(200);
    expect(seen).toEqual([message.data.envelopeId]);
    expect((await receiver.handle({ ...signDocuSignRequest({ secret, body }), method: 'PUT' })).status).toBe(
      405,
    );
  });

  it('checks its keys at construction', () => {
    expect(() => docusign({ secret: [] })).toThrow(/at least one/);
    expect(() => docusign({ secret: `${secret}\n` })).toThrow(/whitespace/);
  });
});
