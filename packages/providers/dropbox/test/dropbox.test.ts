import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventsOf, webhookErrorOf } from '@hookwire/core/testing';
import { dropbox } from '@hookwire/dropbox';
import { createDropboxChallengeRequest, signDropboxRequest } from '@hookwire/dropbox/testing';
import { describe, expect, it } from 'vitest';

const secret = 'dropbox-app-secret-123';
const payload = {
  list_folder: { accounts: ['dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc'] },
  delta: { users: [12345678] },
};

describeReceiver({
  provider: 'dropbox',
  create: dropbox,
  sign: ({ secret, body }) => signDropboxRequest({ secret, payload, body }),
  event: { name: 'list_folder' },
  signatureHeaders: ['X-Dropbox-Signature'],
  malformedSignature: { value: 'not hex' },
  handshakes: [
    {
      name: 'GET challenge',
      request: () => createDropboxChallengeRequest('abc123<script>'),
      response: {
        status: 200,
        body: 'abc123<script>',
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      },
    },
  ],
  malformedBodies: ['{"list_folder":', '[1,2]', '"x"', '{}'],
});

describe('dropbox receiver', () => {
  it('accepts the signature of a third-party Dropbox plugin test (secret the_secret)', async () => {
    // hapi-dropbox-webhooks' fixture: a delta-only body signed with HMAC-SHA256 in hex.
    const request = createWebhookRequest({
      body: '{"delta": {"users": [12345]}}',
      headers: { 'x-dropbox-signature': '0a8c16b085420b960dc78664279fe09e936a2a01b1f91064869d9e77dfd64529' },
    });
    const result = await dropbox({ secret: 'the_secret' }).receive(request);
    expect(result.type === 'event' && result.event.name).toBe('delta');
  });

  it('names a notification list_folder and passes the payload through', async () => {
    const events = await eventsOf(dropbox({ secret }).receive(signDropboxRequest({ secret, payload })));
    expect(events[0]!.provider).toBe('dropbox');
    expect(events[0]!.name).toBe('list_folder');
    expect(events[0]!.id).toBeUndefined();
    expect(events[0]!.payload).toEqual(payload);
    expect(events).toHaveLength(1);
  });

  it('names the signature header a request lacks', async () => {
    const request = signDropboxRequest({ secret, payload });
    const { 'x-dropbox-signature': _, ...headers } = request.headers;
    const error = await webhookErrorOf(dropbox({ secret }).receive({ ...request, headers }));
    expect(error.message).toContain('X-Dropbox-Signature');
  });

  it('takes bare hex only', async () => {
    const request = signDropboxRequest({ secret, payload });
    for (const value of ['sha256=abcd', 'abc']) {
      const headers = { ...request.headers, 'x-dropbox-signature': value };
      expect(await errorCodeOf(dropbox({ secret }).receive({ ...request, headers }))).toBe(
        'malformed_signature',
      );
    }
    // Hex of the wrong length decodes, but cannot match.
    const short = { ...request.headers, 'x-dropbox-signature': 'abcd' };
    expect(await errorCodeOf(dropbox({ secret }).receive({ ...request, headers: short }))).toBe(
      'signature_mismatch',
    );
  });

  it('answers a GET without a challenge with 405', async () => {
    const get = await dropbox({ secret }).handle(
      createWebhookRequest({ method: 'GET', url: 'https://example.com/hook' }),
    );
    expect(get.status).toBe(405);
  });

  it('does not treat a POST with a challenge parameter as the handshake', async () => {
    const request = createWebhookRequest({ url: 'https://example.com/hook?challenge=x', body: '{}' });
    expect(await errorCodeOf(dropbox({ secret }).receive(request))).toBe('missing_header');
  });

  it('refuses a missing or padded secret at construction', () => {
    expect(() => dropbox({} as never)).toThrow(/secret/);
    expect(() => dropbox({ secret: ' padded ' })).toThrow(/whitespace/);
  });
});
